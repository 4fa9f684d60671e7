package dev.mephisto.core.internal.state;

import dev.mephisto.StoreException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreSpec;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The store of a table used before its app started (agent test contexts): a sorted map in this
 * process, no changelog, dropped when the app starts. Core depends on no store plug-in, so it
 * brings this small one for the purpose.
 */
public final class LocalStore implements Store {
  private final StoreSpec spec;
  private final ConcurrentSkipListMap<byte[], byte[]> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  private volatile long offset = -1;
  private volatile boolean closed;

  /** @param spec the table partition */
  public LocalStore(StoreSpec spec) {
    this.spec = spec;
  }

  private void open() {
    if (closed) {
      throw new StoreException("The local store of " + spec.describe() + " is closed");
    }
  }

  @Override
  public StoreSpec spec() {
    return spec;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    open();
    return Optional.ofNullable(map.get(key));
  }

  @Override
  public void put(byte[] key, byte[] value) {
    open();
    map.put(key, value);
  }

  @Override
  public void delete(byte[] key) {
    open();
    map.remove(key);
  }

  @Override
  public StoreIterator range(byte[] from, byte[] to) {
    open();
    if (Arrays.compareUnsigned(from, to) >= 0) {
      return iterator(Map.<byte[], byte[]>of().entrySet().iterator());
    }
    return iterator(map.subMap(from, true, to, false).entrySet().iterator());
  }

  @Override
  public StoreIterator all() {
    open();
    return iterator(map.entrySet().iterator());
  }

  private static StoreIterator iterator(Iterator<Map.Entry<byte[], byte[]>> it) {
    return new StoreIterator() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public StoreEntry next() {
        Map.Entry<byte[], byte[]> e = it.next();
        return new StoreEntry(e.getKey(), e.getValue());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public long approximateCount() {
    return map.size();
  }

  @Override
  public void applyChangelog(List<ChangelogRecord> batch) {
    open();
    for (ChangelogRecord r : batch) {
      if (r.value() == null) {
        map.remove(r.key());
      } else {
        map.put(r.key(), r.value());
      }
      offset = r.offset();
    }
  }

  @Override
  public void checkpoint(long newOffset) {
    offset = newOffset;
  }

  @Override
  public OptionalLong persistedOffset() {
    long o = offset;
    return o < 0 ? OptionalLong.empty() : OptionalLong.of(o);
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    closed = true;
    map.clear();
  }
}
