package dev.mephisto.store;

import java.util.Iterator;

/**
 * Iterates entries of a store in key order (unsigned lexicographic byte order). Close it: it may
 * hold native resources.
 */
public interface StoreIterator extends Iterator<StoreEntry>, AutoCloseable {
  @Override
  void close();
}
