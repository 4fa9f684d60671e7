package dev.mephisto;

/**
 * A key and its value, as yielded by {@link Stream#items()} and {@link Table#items()}.
 *
 * @param key the key (may be null for unkeyed messages)
 * @param value the value
 * @param <K> key type
 * @param <V> value type
 */
public record KeyValue<K, V>(K key, V value) {
  /**
   * @param key the key
   * @param value the value
   * @return a new pair
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> KeyValue<K, V> of(K key, V value) {
    return new KeyValue<>(key, value);
  }
}
