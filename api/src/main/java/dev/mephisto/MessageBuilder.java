package dev.mephisto;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One message to a topic with everything Kafka lets a producer set: key, value, partition,
 * timestamp and headers. Made by {@link Topic#message(Object)}; nothing is sent before {@link
 * #send()} or {@link #sendSoon()}.
 *
 * <pre>{@code
 * orders.message(order)
 *     .key("ann")
 *     .partition(2)
 *     .timestamp(Instant.parse("2026-01-01T12:00:00Z"))
 *     .header("trace-id", traceId)
 *     .send()
 *     .join();
 * }</pre>
 *
 * <p>A builder is not thread-safe; use one per message (it may be sent again, unchanged).
 *
 * @param <K> key type
 * @param <V> value type
 */
@Experimental("new in this release")
public interface MessageBuilder<K, V> {
  /**
   * @param key the key, encoded with the topic's key codec (null for none, the default)
   * @return this builder
   */
  MessageBuilder<K, V> key(@Nullable K key);

  /**
   * @param partition the partition to write to, instead of the one the key's hash picks
   * @return this builder
   * @throws IllegalArgumentException if negative (a partition the topic lacks fails the send)
   */
  MessageBuilder<K, V> partition(int partition);

  /**
   * @param timestamp the message's timestamp (its event time), instead of the time of sending
   * @return this builder
   */
  MessageBuilder<K, V> timestamp(Instant timestamp);

  /**
   * Adds a header; Kafka keeps several headers of one name, in the order added.
   *
   * @param name the header's name
   * @param value its bytes
   * @return this builder
   */
  MessageBuilder<K, V> header(String name, byte[] value);

  /**
   * Adds headers, in the map's iteration order.
   *
   * @param headers names and bytes
   * @return this builder
   */
  MessageBuilder<K, V> headers(Map<String, byte[]> headers);

  /**
   * Sends the message and completes when the broker acknowledged it.
   *
   * @return the message's partition, offset and timestamp; fails when it cannot be encoded or
   *     written (e.g. a partition the topic does not have)
   */
  CompletableFuture<RecordMetadata> send();

  /**
   * Buffers the message to be sent soon, without waiting: Faust's {@code send_soon}. Failures are
   * logged; use {@link #send()} to handle them yourself.
   */
  void sendSoon();
}
