package dev.mephisto.stream;

import dev.mephisto.Experimental;
import java.util.Optional;

/**
 * Durable state of a stream operator, opened with {@link OperatorContext#state}: a small
 * key-value table in the partition of the event being processed, changelogged and restored like
 * any table, whose entries expire a while after their last write.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Experimental("new in this release")
public interface OperatorState<K, V> {
  /** @return the state's full name (its changelog is {@code <app>-<name>-changelog}) */
  String name();

  /**
   * @param key the key
   * @return its value, if present and not expired
   */
  Optional<V> get(K key);

  /**
   * Writes a value; the entry expires the retention after the event time of this write.
   *
   * @param key the key
   * @param value the value
   */
  void put(K key, V value);

  /**
   * Deletes a key.
   *
   * @param key the key
   */
  void remove(K key);
}
