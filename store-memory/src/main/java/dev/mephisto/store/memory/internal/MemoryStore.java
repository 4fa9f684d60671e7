package dev.mephisto.store.memory.internal;

import dev.mephisto.StoreException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.StoreSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table partition in a {@link ConcurrentSkipListMap} ordered by unsigned bytes.
 *
 * <p>The skip list gives lock-free reads and weakly consistent iterators (never a
 * ConcurrentModificationException) while the single writer updates it. Keys and values are kept as
 * given, without copies, as the {@link Store} contract allows.
 */
public final class MemoryStore implements Store {
  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;
  private static final long NO_OFFSET = -1;

  private final StoreSpec spec;
  private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(UNSIGNED);
  // ConcurrentSkipListMap.size() walks the whole map; readers want the count in O(1).
  private final AtomicLong count = new AtomicLong();
  // bytes of keys and values held, for memoryUsage(); written by the one writer only
  private volatile long bytes;
  private volatile long offset = NO_OFFSET;
  private volatile boolean closed;

  /** @param spec the table partition this store holds */
  public MemoryStore(StoreSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  @Override
  public StoreSpec spec() {
    return spec;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    Objects.requireNonNull(key, "key");
    checkOpen("read from");
    return Optional.ofNullable(map.get(key));
  }

  @Override
  public void put(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    checkOpen("write to");
    byte[] old = map.put(key, value);
    if (old == null) {
      count.incrementAndGet();
      bytes += key.length + value.length;
    } else {
      bytes += value.length - old.length;
    }
  }

  @Override
  public void delete(byte[] key) {
    Objects.requireNonNull(key, "key");
    checkOpen("delete from");
    byte[] old = map.remove(key);
    if (old != null) {
      count.decrementAndGet();
      bytes -= key.length + old.length;
    }
  }

  @Override
  public StoreIterator range(byte[] from, byte[] to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    checkOpen("iterate over");
    if (Arrays.compareUnsigned(from, to) >= 0) {
      // subMap rejects from > to; the contract says such a range is empty
      return new MemoryStoreIterator(this, Collections.emptyIterator());
    }
    return new MemoryStoreIterator(this, map.subMap(from, true, to, false).entrySet().iterator());
  }

  @Override
  public StoreIterator all() {
    checkOpen("iterate over");
    return new MemoryStoreIterator(this, map.entrySet().iterator());
  }

  @Override
  public long approximateCount() {
    checkOpen("count");
    return count.get();
  }

  /** Keys and values held on the heap (the map's own nodes not counted). */
  @Override
  public StoreMemory memoryUsage() {
    return new StoreMemory(0, 0, 0, 0, Math.max(0, bytes));
  }

  @Override
  public void applyChangelog(List<ChangelogRecord> batch) {
    Objects.requireNonNull(batch, "batch");
    checkOpen("apply the changelog to");
    if (batch.isEmpty()) {
      return;
    }
    long last = checkedOffset(batch.get(batch.size() - 1).offset());
    // In memory a crash loses everything anyway, so applying record by record is atomic enough.
    for (int i = 0, n = batch.size(); i < n; i++) {
      ChangelogRecord r = batch.get(i);
      if (r.value() == null) {
        delete(r.key());
      } else {
        put(r.key(), r.value());
      }
    }
    offset = last;
  }

  @Override
  public void checkpoint(long offset) {
    checkOpen("checkpoint");
    this.offset = checkedOffset(offset);
  }

  @Override
  public OptionalLong persistedOffset() {
    long o = offset;
    return o == NO_OFFSET ? OptionalLong.empty() : OptionalLong.of(o);
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public void flush() {
    checkOpen("flush");
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    map.clear();
    count.set(0);
    bytes = 0;
    offset = NO_OFFSET;
  }

  void checkOpen(String action) {
    if (closed) {
      throw new StoreException("Cannot " + action + " the memory store of " + spec.describe()
          + " of app '" + spec.appId() + "': the store is closed; open it again with "
          + "StoreProvider.open(...) (a memory store starts empty and is restored from the changelog)");
    }
  }

  private long checkedOffset(long o) {
    if (o < 0) {
      throw new IllegalArgumentException("Changelog offset for " + spec.describe() + " was '" + o
          + "' but it should be >= 0");
    }
    return o;
  }

  @Override
  public String toString() {
    return "MemoryStore[" + spec.appId() + "/" + spec.table() + "-" + spec.partition() + "]";
  }
}
