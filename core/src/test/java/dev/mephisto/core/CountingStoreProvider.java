package dev.mephisto.core;

import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.StoreWrite;
import dev.mephisto.store.memory.internal.MemoryStore;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code counting://}: memory stores that count full scans and the entries every iterator hands
 * out, so a test can tell a range over an index from a scan of the partition.
 */
final class CountingStoreProvider implements StoreProvider {
  final AtomicLong fullScans = new AtomicLong();
  final AtomicLong entriesIterated = new AtomicLong();

  @Override
  public String scheme() {
    return "counting";
  }

  @Override
  public Store open(URI uri, StoreSpec spec) {
    return new Counting(new MemoryStore(spec));
  }

  void reset() {
    fullScans.set(0);
    entriesIterated.set(0);
  }

  private final class Counting implements Store {
    private final Store inner;

    Counting(Store inner) {
      this.inner = inner;
    }

    private StoreIterator counted(StoreIterator it) {
      return new StoreIterator() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public StoreEntry next() {
          entriesIterated.incrementAndGet();
          return it.next();
        }

        @Override
        public void close() {
          it.close();
        }
      };
    }

    @Override
    public StoreIterator all() {
      fullScans.incrementAndGet();
      return counted(inner.all());
    }

    @Override
    public StoreIterator range(byte[] from, byte[] to) {
      return counted(inner.range(from, to));
    }

    @Override
    public StoreSpec spec() {
      return inner.spec();
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
      return inner.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
      inner.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
      inner.delete(key);
    }

    @Override
    public void putAll(List<StoreWrite> batch) {
      inner.putAll(batch);
    }

    @Override
    public long approximateCount() {
      return inner.approximateCount();
    }

    @Override
    public void applyChangelog(List<ChangelogRecord> batch) {
      inner.applyChangelog(batch);
    }

    @Override
    public void checkpoint(long offset) {
      inner.checkpoint(offset);
    }

    @Override
    public OptionalLong persistedOffset() {
      return inner.persistedOffset();
    }

    @Override
    public boolean persistent() {
      return false;
    }

    @Override
    public void flush() {
      inner.flush();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
