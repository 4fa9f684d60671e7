package dev.mephisto;

import java.util.concurrent.CompletableFuture;

/**
 * Something an agent can consume: a Kafka {@link Topic} or an in-memory channel made with {@link
 * App#channel(Class)}.
 *
 * @param <V> value type
 */
public interface Channel<V> {
  /** @return the topic or channel name */
  String name();

  /** @return the type values are decoded into */
  Class<V> valueType();

  /**
   * Sends a value without a key.
   *
   * @param value the value
   * @return completes when the message is stored (the broker acked it, for topics)
   */
  CompletableFuture<RecordMetadata> send(V value);
}
