package dev.mephisto.store.rocksdb.internal;

import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.NoSuchElementException;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * Iterates a RocksDB snapshot (taken when the iterator was created) of one store. Its native
 * objects are released when it is exhausted, closed, or its store closes, whichever comes first;
 * every step holds the store's read lock so that none of this races the store's close.
 */
final class RocksDbStoreIterator implements StoreIterator {
  private final RocksDbStore store;
  // null once released; guarded by the store's lock (read side here, write side in close)
  private RocksIterator it;
  private ReadOptions options;
  private Slice upperBound;

  /** With {@code it} null the iterator is empty from the start. */
  RocksDbStoreIterator(RocksDbStore store, RocksIterator it, ReadOptions options, Slice upperBound) {
    this.store = store;
    this.it = it;
    this.options = options;
    this.upperBound = upperBound;
  }

  @Override
  public boolean hasNext() {
    long stamp = store.enter("iterate over");
    try {
      return valid();
    } finally {
      store.exit(stamp);
    }
  }

  @Override
  public StoreEntry next() {
    long stamp = store.enter("iterate over");
    try {
      if (!valid()) {
        throw new NoSuchElementException("No more entries in " + store.spec().describe());
      }
      StoreEntry entry = new StoreEntry(it.key(), it.value());
      it.next();
      return entry;
    } finally {
      store.exit(stamp);
    }
  }

  private boolean valid() {
    if (it == null) {
      return false;
    }
    if (it.isValid()) {
      return true;
    }
    try {
      it.status(); // an invalid iterator is either at the end or failed
    } catch (RocksDBException e) {
      throw store.failure("iterate over", e);
    } finally {
      store.forget(this);
      release();
    }
    return false;
  }

  @Override
  public void close() {
    long stamp = store.enterClosedOrNot();
    try {
      store.forget(this);
      release();
    } finally {
      store.exit(stamp);
    }
  }

  /** Closes the native objects, iterator first; the caller holds the store's lock. */
  void release() {
    if (it == null) {
      return;
    }
    it.close();
    options.close();
    if (upperBound != null) {
      upperBound.close();
    }
    it = null;
    options = null;
    upperBound = null;
  }
}
