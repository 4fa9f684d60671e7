package dev.mephisto.core.internal;

import dev.mephisto.Channel;
import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.offsets.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * An in-memory channel: values go straight to the agents consuming it, as objects.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ChannelImpl<K, V> implements Channel<K, V> {
  private final String name;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final List<AgentRuntime<?, ?>> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicLong offsets = new AtomicLong();

  ChannelImpl(String name, Class<K> keyType, Class<V> valueType) {
    this.name = name;
    this.keyType = keyType;
    this.valueType = valueType;
  }

  void subscribe(AgentRuntime<?, ?> agent) {
    subscribers.add(agent);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Class<K> keyType() {
    return keyType;
  }

  @Override
  public Class<V> valueType() {
    return valueType;
  }

  @Override
  public CompletableFuture<RecordMetadata> send(V value) {
    return send(null, value, Map.of());
  }

  @Override
  public CompletableFuture<RecordMetadata> send(K key, V value) {
    return send(key, value, Map.of());
  }

  /**
   * @param key key object
   * @param value value object
   * @param headers headers (ask uses them)
   * @return where it went
   */
  public CompletableFuture<RecordMetadata> send(K key, V value, Map<String, byte[]> headers) {
    Objects.requireNonNull(headers, "headers");
    long offset = offsets.getAndIncrement();
    long ts = System.currentTimeMillis();
    RecordHeaders h = new RecordHeaders();
    headers.forEach(h::add);
    ConsumerRecord<byte[], byte[]> coordinates = new ConsumerRecord<>(name, 0, offset, ts,
        TimestampType.CREATE_TIME, -1, -1, null, null, h, java.util.Optional.empty());
    Delivery d = new Delivery(coordinates, key, value, subscribers.size());
    for (AgentRuntime<?, ?> a : subscribers) {
      a.deliver(d);
    }
    return CompletableFuture.completedFuture(
        new RecordMetadata(name, 0, offset, Instant.ofEpochMilli(ts)));
  }

  @Override
  public String toString() {
    return "Channel[" + name + "]";
  }
}
