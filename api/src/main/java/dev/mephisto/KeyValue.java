package dev.mephisto;

import org.jspecify.annotations.Nullable;

/**
 * A key and its value, as yielded by {@link Stream#items()} and {@link Table#items()}. An agent
 * whose {@code process} body yields a {@code KeyValue} sends its value under its key (other
 * results keep the key of the event that produced them).
 *
 * @param key the key (may be null for unkeyed messages)
 * @param value the value
 * @param <K> key type
 * @param <V> value type
 */
public record KeyValue<K, V>(@Nullable K key, V value) {
  /**
   * @param key the key
   * @param value the value
   * @return a new pair
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> KeyValue<K, V> of(@Nullable K key, V value) {
    return new KeyValue<>(key, value);
  }
}
