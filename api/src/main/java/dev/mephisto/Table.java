package dev.mephisto;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A sharded, changelog-backed dictionary: Faust's {@code Table}. Shard {@code p} lives on the
 * worker that holds partition {@code p} of the topics feeding the table; every write is logged to
 * {@code <app>-<table>-changelog} and restored from it after a restart or rebalance.
 *
 * <p>Reads and writes see the partitions this worker holds actively. Inside an agent a write goes
 * to the partition of the event being processed; outside, the key's hash picks the partition.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Table<K, V> {
  /** @return the table's name */
  String name();

  /**
   * @param key the key
   * @return the stored value, if any
   */
  Optional<V> get(K key);

  /**
   * @param key the key
   * @return the stored value, else the table's default
   * @throws java.util.NoSuchElementException if the key is absent and the table has no default
   */
  V getOrDefault(K key);

  /**
   * @param key the key
   * @param value the new value
   */
  void put(K key, V value);

  /**
   * Reads, changes and writes one value.
   *
   * @param key the key
   * @param fn receives the stored value, else the default, and returns the new value
   * @return the new value
   */
  V update(K key, UnaryOperator<V> fn);

  /**
   * Deletes a key (a tombstone in the changelog).
   *
   * @param key the key
   */
  void remove(K key);

  /**
   * @param key the key
   * @return true if a value is stored
   */
  boolean containsKey(K key);

  /** @return the keys of the partitions this worker holds */
  Set<K> keys();

  /** @return the values of the partitions this worker holds */
  List<V> values();

  /** @return the entries of the partitions this worker holds */
  List<KeyValue<K, V>> items();

  /** @return the number of entries in the partitions this worker holds */
  int size();

  /**
   * @param size window length
   * @return a windowed view of this table with non-overlapping windows of that size
   */
  WindowedTable<K, V> tumbling(Duration size);

  /**
   * @param size window length
   * @param step distance between window starts
   * @return a windowed view with overlapping windows
   */
  WindowedTable<K, V> hopping(Duration size, Duration step);

  /**
   * @param size window length, before and after each event
   * @return a windowed view with a window around each event
   */
  WindowedTable<K, V> sliding(Duration size);
}
