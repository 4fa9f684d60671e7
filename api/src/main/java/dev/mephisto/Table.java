package dev.mephisto;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

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
   * Joins this table with another table of the same key type into a new table that holds, for
   * every key present in both, {@code joiner(value, other)}: an inner join, as Kafka Streams'
   * {@code KTable.join}. An update of either side updates the result; a removal on either side
   * removes the key from the result. The result is a table of its own ({@code result}: name,
   * codecs, store), with its own changelog {@code <app>-<name>-changelog}.
   *
   * <p>Both tables must have the same partition count (checked at start, naming both tables and
   * counts): the result's partition {@code p} is computed from partition {@code p} of both sides.
   *
   * <pre>{@code
   * Table<String, Profile> profiles = customers.join(addresses, Profile::new,
   *     TableSpec.of("profiles", String.class, Profile.class));
   * }</pre>
   *
   * @param other the other table
   * @param joiner makes a result from both values
   * @param result the result table's name, types and options
   * @return the result table (read it; writing to it is refused)
   * @param <T> the other table's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <T, R> Table<K, R> join(Table<K, T> other, BiFunction<? super V, ? super T, ? extends R> joiner,
      TableSpec<K, R> result);

  /**
   * As {@link #join}, but a key of this table without one in {@code other} is in the result too,
   * joined with {@code null}: a left join.
   *
   * @param other the other table
   * @param joiner makes a result from this table's value and the other's (null when absent)
   * @param result the result table's name, types and options
   * @return the result table
   * @param <T> the other table's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <T, R> Table<K, R> leftJoin(Table<K, T> other,
      BiFunction<? super V, ? super @Nullable T, ? extends R> joiner, TableSpec<K, R> result);

  /**
   * As {@link #join}, but a key of either table is in the result, joined with {@code null} for
   * the side that lacks it: an outer join.
   *
   * @param other the other table
   * @param joiner makes a result from both values (either may be null, never both)
   * @param result the result table's name, types and options
   * @return the result table
   * @param <T> the other table's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <T, R> Table<K, R> outerJoin(Table<K, T> other,
      BiFunction<? super @Nullable V, ? super @Nullable T, ? extends R> joiner,
      TableSpec<K, R> result);
}
