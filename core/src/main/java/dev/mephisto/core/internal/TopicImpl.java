package dev.mephisto.core.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.MessageBuilder;
import dev.mephisto.RecordMetadata;
import dev.mephisto.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Headers;

/**
 * An immutable topic description bound to its app; {@code withX} registers the new description
 * under the same name (the last one declared before start is created).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TopicImpl<K, V> implements Topic<K, V> {
  private final TopicRegistry app;
  private final String name;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final OptionalInt partitions;
  private final OptionalInt replicationFactor;
  private final Optional<String> keyCodec;
  private final Optional<String> valueCodec;
  private final boolean compacted;
  private final Optional<Duration> retention;
  private final Map<String, String> configs;
  private volatile Binding<K, V> binding;

  /** Where topics are registered and sent through. */
  public interface TopicRegistry {
    /**
     * @param topic the latest description of a name
     * @return its binding (codecs resolved)
     * @param <K> key type
     * @param <V> value type
     */
    <K, V> Binding<K, V> register(TopicImpl<K, V> topic);

    /** @return shared services */
    AppServices services();

    /**
     * Called before every send: creates the topic on first use if the app has not yet (Faust's
     * {@code maybe_declare}).
     *
     * @param topic the topic about to be sent to
     */
    void beforeSend(TopicImpl<?, ?> topic);
  }

  TopicImpl(TopicRegistry app, String name, Class<K> keyType, Class<V> valueType) {
    this(app, name, keyType, valueType, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
        Optional.empty(), false, Optional.empty(), Map.of());
  }

  private TopicImpl(TopicRegistry app, String name, Class<K> keyType, Class<V> valueType,
      OptionalInt partitions, OptionalInt replicationFactor, Optional<String> keyCodec,
      Optional<String> valueCodec, boolean compacted, Optional<Duration> retention,
      Map<String, String> configs) {
    this.app = app;
    this.name = name;
    this.keyType = keyType;
    this.valueType = valueType;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
    this.compacted = compacted;
    this.retention = retention;
    this.configs = Map.copyOf(configs);
  }

  private TopicImpl<K, V> copy(OptionalInt p, OptionalInt rf, Optional<String> kc,
      Optional<String> vc, boolean c, Optional<Duration> r, Map<String, String> cfg) {
    TopicImpl<K, V> t = new TopicImpl<>(app, name, keyType, valueType, p, rf, kc, vc, c, r, cfg);
    t.binding = app.register(t);
    return t;
  }

  /** @return the binding, resolving codecs on first use */
  public Binding<K, V> binding() {
    Binding<K, V> b = binding;
    if (b == null) {
      b = app.register(this);
      binding = b;
    }
    return b;
  }

  void bind(Binding<K, V> b) {
    this.binding = b;
  }

  /** @return the topic configs to create it with */
  public Map<String, String> creationConfigs() {
    Map<String, String> m = new HashMap<>(configs);
    if (compacted) {
      m.put("cleanup.policy", "compact");
    }
    retention.ifPresent(r -> m.put("retention.ms", Long.toString(r.toMillis())));
    return m;
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
  public OptionalInt partitions() {
    return partitions;
  }

  @Override
  public OptionalInt replicationFactor() {
    return replicationFactor;
  }

  @Override
  public Optional<String> keyCodec() {
    return keyCodec;
  }

  @Override
  public Optional<String> valueCodec() {
    return valueCodec;
  }

  @Override
  public boolean isCompacted() {
    return compacted;
  }

  @Override
  public Optional<Duration> retention() {
    return retention;
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public Topic<K, V> withPartitions(int n) {
    if (n < 1) {
      throw new ConfigurationException(
          "Topic '" + name + "' partitions was '" + n + "' but it should be >= 1");
    }
    return copy(OptionalInt.of(n), replicationFactor, keyCodec, valueCodec, compacted, retention, configs);
  }

  @Override
  public Topic<K, V> withReplicationFactor(int n) {
    if (n < 1) {
      throw new ConfigurationException(
          "Topic '" + name + "' replication factor was '" + n + "' but it should be >= 1");
    }
    return copy(partitions, OptionalInt.of(n), keyCodec, valueCodec, compacted, retention, configs);
  }

  @Override
  public Topic<K, V> withKeyCodec(String spec) {
    Objects.requireNonNull(spec, "spec");
    return copy(partitions, replicationFactor, Optional.of(spec), valueCodec, compacted, retention, configs);
  }

  @Override
  public Topic<K, V> withValueCodec(String spec) {
    Objects.requireNonNull(spec, "spec");
    return copy(partitions, replicationFactor, keyCodec, Optional.of(spec), compacted, retention, configs);
  }

  @Override
  public Topic<K, V> compacted() {
    return copy(partitions, replicationFactor, keyCodec, valueCodec, true, retention, configs);
  }

  @Override
  public Topic<K, V> withRetention(Duration r) {
    Objects.requireNonNull(r, "retention");
    return copy(partitions, replicationFactor, keyCodec, valueCodec, compacted, Optional.of(r), configs);
  }

  @Override
  public Topic<K, V> withConfig(String key, String value) {
    Map<String, String> m = new HashMap<>(configs);
    m.put(Objects.requireNonNull(key, "name"), Objects.requireNonNull(value, "value"));
    return copy(partitions, replicationFactor, keyCodec, valueCodec, compacted, retention, m);
  }

  @Override
  public CompletableFuture<RecordMetadata> send(V value) {
    return send(null, value);
  }

  @Override
  public CompletableFuture<RecordMetadata> send(K key, V value) {
    return send(key, value, Map.of());
  }

  @Override
  public CompletableFuture<RecordMetadata> send(K key, V value, Map<String, byte[]> headers) {
    Objects.requireNonNull(headers, "headers");
    return message(value).key(key).headers(headers).send();
  }

  @Override
  public MessageBuilder<K, V> message(V value) {
    return new MessageBuilderImpl<>(this, value);
  }

  /**
   * Encodes and sends; creates the topic first if the app has not yet.
   *
   * @param key key, may be null
   * @param value value, may be null
   * @param headers headers
   * @param partition partition, or null for the key's hash
   * @param timestamp epoch milliseconds, or null for now
   * @return the broker's ack, failed when encoding or sending fails
   */
  CompletableFuture<RecordMetadata> send(K key, V value, Headers headers, Integer partition,
      Long timestamp) {
    try {
      app.beforeSend(this);
      return app.services().send(binding(), key, value, headers, partition, timestamp);
    } catch (RuntimeException e) {
      return Outputs.failed(name, e); // the event being processed follows the error policy
    }
  }

  @Override
  public void sendSoon(K key, V value) {
    logFailure(send(key, value));
  }

  /** @param sent a send whose failure is logged (Faust's {@code send_soon} does not wait) */
  void logFailure(CompletableFuture<RecordMetadata> sent) {
    sent.whenComplete((md, e) -> {
      if (e != null) {
        org.slf4j.LoggerFactory.getLogger(TopicImpl.class)
            .error("sendSoon to topic '{}' failed: {}", name, e.toString());
      }
    });
  }

  @Override
  public String toString() {
    return "Topic[" + name + "]";
  }
}
