package dev.mephisto;

/**
 * Called once for each window that closes (its end plus grace passed in stream time).
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface WindowCloseCallback<K, V> {
  /**
   * @param key the table key
   * @param window the window that closed
   * @param value the window's final value
   */
  void onClose(K key, Window window, V value);
}
