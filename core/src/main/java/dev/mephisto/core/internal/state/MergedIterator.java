package dev.mephisto.core.internal.state;

import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries of a cache range over the same range of the store under it, in key order: a
 * cached value replaces the store's, a cached delete hides it.
 */
final class MergedIterator implements StoreIterator {
  private final Iterator<CacheEntry> cached;
  private final StoreIterator stored;
  private CacheEntry nextCached;
  private StoreEntry nextStored;
  private StoreEntry next;

  MergedIterator(Iterator<CacheEntry> cached, StoreIterator stored) {
    this.cached = cached;
    this.stored = stored;
    this.nextCached = cached.hasNext() ? cached.next() : null;
    this.nextStored = stored.hasNext() ? stored.next() : null;
  }

  @Override
  public boolean hasNext() {
    while (next == null && (nextCached != null || nextStored != null)) {
      int c = nextCached == null ? 1
          : nextStored == null ? -1 : Arrays.compareUnsigned(nextCached.key, nextStored.key());
      if (c <= 0) {
        byte[] v = nextCached.value;
        if (v != null) {
          next = new StoreEntry(nextCached.key, v);
        }
        nextCached = cached.hasNext() ? cached.next() : null;
        if (c == 0) {
          nextStored = stored.hasNext() ? stored.next() : null;
        }
      } else {
        next = nextStored;
        nextStored = stored.hasNext() ? stored.next() : null;
      }
    }
    return next != null;
  }

  @Override
  public StoreEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    StoreEntry e = next;
    next = null;
    return e;
  }

  @Override
  public void close() {
    stored.close();
  }
}
