package dev.mephisto;

import java.util.Set;

/**
 * A table whose values are sets: Faust's {@code SetTable}. {@code add} and {@code discard} are
 * logged to the changelog as operations, so concurrent changes of one key's set do not overwrite
 * each other.
 *
 * @param <K> key type
 * @param <E> element type
 */
public interface SetTable<K, E> {
  /** @return the table's name */
  String name();

  /**
   * @param key the key
   * @return a copy of the key's set (empty if none)
   */
  Set<E> get(K key);

  /**
   * @param key the key
   * @param element added to the key's set
   */
  void add(K key, E element);

  /**
   * @param key the key
   * @param element removed from the key's set
   */
  void discard(K key, E element);

  /** @return the keys of the partitions this worker holds */
  Set<K> keys();
}
