package dev.mephisto.store.memory.internal;

import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/** A weakly consistent iterator over a {@link MemoryStore}; holds nothing to release. */
final class MemoryStoreIterator implements StoreIterator {
  private final MemoryStore store;
  private final Iterator<Map.Entry<byte[], byte[]>> it;
  private boolean closed;

  MemoryStoreIterator(MemoryStore store, Iterator<Map.Entry<byte[], byte[]>> it) {
    this.store = store;
    this.it = it;
  }

  @Override
  public boolean hasNext() {
    store.checkOpen("iterate over");
    return !closed && it.hasNext();
  }

  @Override
  public StoreEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more entries in " + store.spec().describe());
    }
    Map.Entry<byte[], byte[]> e = it.next();
    return new StoreEntry(e.getKey(), e.getValue());
  }

  @Override
  public void close() {
    closed = true;
  }
}
