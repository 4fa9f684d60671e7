package dev.mephisto.core;

import dev.mephisto.core.internal.state.ForwardingStore;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.memory.internal.MemoryStore;
import java.net.URI;
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

  private final class Counting extends ForwardingStore {
    Counting(Store inner) {
      super(inner);
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
      return counted(super.all());
    }

    @Override
    public StoreIterator range(byte[] from, byte[] to) {
      return counted(super.range(from, to));
    }
  }
}
