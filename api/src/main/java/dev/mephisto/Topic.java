package dev.mephisto;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka topic with typed keys and values. Topics are immutable: every {@code withX} returns a
 * new topic description of the same name.
 *
 * <pre>{@code
 * Topic<String, Order> orders = app.topic("orders", String.class, Order.class)
 *     .withPartitions(12)
 *     .withValueCodec("json|binary");
 * orders.send("ann", new Order("ann", 3)).join();
 * orders.message(new Order("bob", 1)).key("bob").partition(2).send();
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Topic<K, V> extends Channel<K, V> {
  /** @return the partition count to create the topic with; empty means the app's default */
  OptionalInt partitions();

  /** @return the replication factor to create the topic with; empty means the app's default */
  OptionalInt replicationFactor();

  /** @return the key codec chain; empty means the app's default ({@code raw}) */
  Optional<String> keyCodec();

  /** @return the value codec chain; empty means the model's, else the app's default */
  Optional<String> valueCodec();

  /** @return true when the topic is created with {@code cleanup.policy=compact} */
  boolean isCompacted();

  /** @return the retention the topic is created with, if one was set */
  Optional<Duration> retention();

  /** @return further topic configs (as Kafka names them) used when the topic is created */
  Map<String, String> configs();

  /**
   * @param partitions partition count, at least 1
   * @return a copy with that partition count
   */
  Topic<K, V> withPartitions(int partitions);

  /**
   * @param replicationFactor replicas per partition, at least 1
   * @return a copy with that replication factor
   */
  Topic<K, V> withReplicationFactor(int replicationFactor);

  /**
   * @param codecSpec a codec chain such as {@code "raw"} or {@code "json"}
   * @return a copy whose keys use that chain
   */
  Topic<K, V> withKeyCodec(String codecSpec);

  /**
   * @param codecSpec a codec chain such as {@code "json|binary"}
   * @return a copy whose values use that chain
   */
  Topic<K, V> withValueCodec(String codecSpec);

  /** @return a copy created as a compacted topic */
  Topic<K, V> compacted();

  /**
   * @param retention how long the broker keeps messages
   * @return a copy created with that retention
   */
  Topic<K, V> withRetention(Duration retention);

  /**
   * @param name a Kafka topic config such as {@code max.message.bytes}
   * @param value its value
   * @return a copy created with that config
   */
  Topic<K, V> withConfig(String name, String value);

  /**
   * Sends a message and completes when the broker acknowledged it.
   *
   * @param key the key (null for none)
   * @param value the value (null for a tombstone)
   * @return the message's partition and offset
   */
  @Override
  CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value);

  /**
   * Sends a message with headers.
   *
   * @param key the key (null for none)
   * @param value the value (null for a tombstone)
   * @param headers headers to attach
   * @return the message's partition and offset
   */
  CompletableFuture<RecordMetadata> send(
      @Nullable K key, @Nullable V value, Map<String, byte[]> headers);

  /**
   * Starts a message with everything Kafka lets a producer set: key, partition, timestamp and
   * headers.
   *
   * <pre>{@code
   * orders.message(order).key("ann").partition(2).timestamp(at).header("h", bytes).send();
   * }</pre>
   *
   * @param value the value (null for a tombstone)
   * @return a builder; nothing is sent before its {@code send()} or {@code sendSoon()}
   */
  @Experimental("new in this release")
  MessageBuilder<K, V> message(@Nullable V value);

  /**
   * Buffers a message to be sent soon, without waiting: Faust's {@code send_soon}. Failures are
   * logged and counted; use {@link #send(Object, Object)} to handle them yourself.
   *
   * @param key the key (null for none)
   * @param value the value (null for a tombstone)
   */
  void sendSoon(@Nullable K key, @Nullable V value);
}
