package dev.mephisto;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message as an agent sees it: the decoded key and value with the record's coordinates.
 *
 * @param key the decoded key (null when the message had none)
 * @param value the decoded value (null for a tombstone)
 * @param headers the message headers (read-only)
 * @param topic the topic or channel it was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param timestamp its timestamp
 * @param <K> key type
 * @param <V> value type
 */
public record Event<K, V>(
    @Nullable K key,
    @Nullable V value,
    Map<String, byte[]> headers,
    String topic,
    int partition,
    long offset,
    Instant timestamp) {

  /** Checks the fields that may not be null. */
  public Event {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /**
   * @param newValue the replacement value
   * @return this event with another value (same key and coordinates)
   * @param <R> the new value type
   */
  public <R> Event<K, R> withValue(@Nullable R newValue) {
    return new Event<>(key, newValue, headers, topic, partition, offset, timestamp);
  }

  /** @return "topic 'orders' partition 3 offset 1042", for messages and logs */
  public String coordinates() {
    return "topic '" + topic + "' partition " + partition + " offset " + offset;
  }
}
