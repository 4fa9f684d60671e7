package dev.mephisto;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Something an agent can consume and send to: a Kafka {@link Topic} or an in-memory channel made
 * with {@link App#channel(Class, Class)}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Channel<K, V> {
  /** @return the topic or channel name */
  String name();

  /** @return the type keys are decoded into */
  Class<K> keyType();

  /** @return the type values are decoded into */
  Class<V> valueType();

  /**
   * Sends a value without a key.
   *
   * @param value the value
   * @return completes when the message is stored (the broker acked it, for topics)
   */
  CompletableFuture<RecordMetadata> send(V value);

  /**
   * Sends a value with a key.
   *
   * @param key the key (null for none)
   * @param value the value (null for a tombstone, on a topic)
   * @return completes when the message is stored (the broker acked it, for topics)
   */
  CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value);
}
