package dev.mephisto.core.internal;

import dev.mephisto.MessageBuilder;
import dev.mephisto.RecordMetadata;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A message being put together for one topic; sent through the topic so that it is created on
 * first use, as every send.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class MessageBuilderImpl<K, V> implements MessageBuilder<K, V> {
  private final TopicImpl<K, V> topic;
  private final V value;
  private RecordHeaders headers;
  private K key;
  private Integer partition;
  private Long timestamp;

  MessageBuilderImpl(TopicImpl<K, V> topic, V value) {
    this.topic = topic;
    this.value = value;
  }

  @Override
  public MessageBuilder<K, V> key(K k) {
    this.key = k;
    return this;
  }

  @Override
  public MessageBuilder<K, V> partition(int p) {
    if (p < 0) {
      throw new IllegalArgumentException("Partition of a message to topic '" + topic.name()
          + "' was '" + p + "' but it should be >= 0");
    }
    this.partition = p;
    return this;
  }

  @Override
  public MessageBuilder<K, V> timestamp(Instant t) {
    this.timestamp = Objects.requireNonNull(t, "timestamp").toEpochMilli();
    return this;
  }

  @Override
  public MessageBuilder<K, V> header(String name, byte[] bytes) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bytes, "value");
    if (headers == null) {
      headers = new RecordHeaders();
    }
    headers.add(name, bytes);
    return this;
  }

  @Override
  public MessageBuilder<K, V> headers(Map<String, byte[]> more) {
    Objects.requireNonNull(more, "headers").forEach(this::header);
    return this;
  }

  @Override
  public CompletableFuture<RecordMetadata> send() {
    // a copy: the producer makes the headers it is given read-only, and this may be sent again
    return topic.send(key, value, headers == null ? null : new RecordHeaders(headers.toArray()),
        partition, timestamp);
  }

  @Override
  public void sendSoon() {
    topic.logFailure(send());
  }
}
