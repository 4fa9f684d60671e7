package dev.mephisto;

import dev.mephisto.codec.CodecProvider;
import dev.mephisto.internal.SettingsParser;
import dev.mephisto.spi.RuntimeProvider;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.stream.StreamOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link App}. Settings come, each later source winning, from the defaults, the
 * methods called here, the properties file ({@link #settingsFile(Path)} or {@code
 * MEPHISTO_SETTINGS_FILE}) and environment variables {@code MEPHISTO_<NAME>} (e.g. {@code
 * MEPHISTO_BROKER}, {@code MEPHISTO_TOPIC_PARTITIONS}, {@code MEPHISTO_KAFKA_SASL_MECHANISM}).
 */
public final class AppBuilder {
  private final String id;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<CodecProvider> codecs = new ArrayList<>();
  private final List<StoreProvider> stores = new ArrayList<>();
  private final List<StreamOperator> operators = new ArrayList<>();
  private final List<LifecycleListener> listeners = new ArrayList<>();
  private @Nullable Object meterRegistry;
  private Map<String, String> environment = System.getenv();
  private @Nullable Path settingsFile;

  AppBuilder(String id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  private AppBuilder set(String name, Object value) {
    values.put(name, String.valueOf(Objects.requireNonNull(value, name)));
    return this;
  }

  /**
   * @param url {@code kafka://host:9092[;host2:9092]} or {@code memory://}
   * @return this builder
   */
  public AppBuilder broker(String url) {
    return set("broker", url);
  }

  /**
   * @param url default table store: {@code memory://} or {@code rocksdb:///path}
   * @return this builder
   */
  public AppBuilder store(String url) {
    return set("store", url);
  }

  /**
   * @param guarantee at-least-once or exactly-once
   * @return this builder
   */
  public AppBuilder processingGuarantee(ProcessingGuarantee guarantee) {
    return set("processingGuarantee", guarantee);
  }

  /** @return this builder, with Kafka transactions ({@link ProcessingGuarantee#EXACTLY_ONCE}) */
  public AppBuilder exactlyOnce() {
    return processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE);
  }

  /**
   * @param partitions default partition count of created topics
   * @return this builder
   */
  public AppBuilder topicPartitions(int partitions) {
    return set("topicPartitions", partitions);
  }

  /**
   * @param factor replication factor of the topics the app creates (declared ones without their
   *     own, and internal ones); -1, the default, takes the broker's {@code
   *     default.replication.factor}, as Kafka Streams does since 3.0
   * @return this builder
   */
  public AppBuilder topicReplicationFactor(int factor) {
    return set("topicReplicationFactor", factor);
  }

  /**
   * @param create whether missing topics are created at start
   * @return this builder
   */
  public AppBuilder createTopics(boolean create) {
    return set("createTopics", create);
  }

  /**
   * @param interval how often offsets are committed
   * @return this builder
   */
  public AppBuilder commitInterval(Duration interval) {
    return set("commitInterval", interval);
  }

  /**
   * @param events commit after this many acked events at the latest
   * @return this builder
   */
  public AppBuilder commitEvery(int events) {
    return set("commitEvery", events);
  }

  /**
   * @param events events buffered per partition before it is paused
   * @return this builder
   */
  public AppBuilder streamBufferMaxSize(int events) {
    return set("streamBufferMaxSize", events);
  }

  /**
   * @param reset {@code earliest} or {@code latest}
   * @return this builder
   */
  public AppBuilder consumerAutoOffsetReset(String reset) {
    return set("consumerAutoOffsetReset", reset);
  }

  /**
   * @param spec default key codec chain
   * @return this builder
   */
  public AppBuilder keyCodec(String spec) {
    return set("keyCodec", spec);
  }

  /**
   * @param spec default value codec chain
   * @return this builder
   */
  public AppBuilder valueCodec(String spec) {
    return set("valueCodec", spec);
  }

  /**
   * @param policy default error policy of agents
   * @return this builder
   */
  public AppBuilder onError(OnError policy) {
    return set("onError", policy);
  }

  /**
   * @param suffix dead-letter topics are {@code <topic><suffix>}
   * @return this builder
   */
  public AppBuilder deadLetterSuffix(String suffix) {
    return set("deadLetterSuffix", suffix);
  }

  /**
   * @param replicas warm table copies on other workers
   * @return this builder
   */
  public AppBuilder tableStandbyReplicas(int replicas) {
    return set("tableStandbyReplicas", replicas);
  }

  /**
   * Bounds the worker's table write cache, shared by all table partitions of the worker (as
   * Kafka Streams' {@code statestore.cache.max.bytes}). Updates of one key are collapsed in the
   * cache and written to the store and the changelog before every commit, when the cache is
   * full, on rebalance and on stop; {@code 0} turns the cache off and logs every write (as
   * Faust does). Default 10 MiB.
   *
   * <pre>{@code
   * App.builder("order-app").tableCacheMaxBytes(64L << 20).build();  // 64 MiB
   * }</pre>
   *
   * @param bytes the cache's size in bytes, {@code >= 0}
   * @return this builder
   */
  public AppBuilder tableCacheMaxBytes(long bytes) {
    return set("tableCacheMaxBytes", bytes);
  }

  /**
   * @param host address the web server binds to (default {@code 127.0.0.1})
   * @param port its port (default 6066; 0 picks a free one)
   * @return this builder
   */
  public AppBuilder web(String host, int port) {
    set("webHost", host);
    return set("webPort", port);
  }

  /**
   * @param enabled whether the worker serves its web server ({@code /health}, {@code
   *     /metrics}, the dashboard, table lookups); on by default
   * @return this builder
   */
  public AppBuilder web(boolean enabled) {
    return set("webEnabled", enabled);
  }

  /**
   * @param host the host other workers reach this worker's web server at (table lookups are
   *     routed there); by default {@code webHost}, or this machine's name when that is a
   *     wildcard address such as {@code 0.0.0.0}
   * @return this builder
   */
  public AppBuilder webAdvertisedHost(String host) {
    return set("webAdvertisedHost", host);
  }

  /**
   * Static group membership: the worker's main consumer joins with this {@code
   * group.instance.id}. A worker that stops and comes back with the same id within the session
   * timeout ({@code kafka("session.timeout.ms", ...)}) gets its partitions back and nobody else
   * notices (no rebalance); a worker that does not come back is replaced only after the session
   * timeout. Give every worker its own id that survives restarts, e.g. the pod name of a
   * StatefulSet. Restore, standby and reply consumers never use it.
   *
   * <pre>{@code
   * App.builder("orders").groupInstanceId(System.getenv("HOSTNAME"))
   *     .kafka("session.timeout.ms", "30000")
   * }</pre>
   *
   * @param id 1 to 249 letters, digits, '.', '_' or '-'; empty for dynamic membership (default)
   * @return this builder
   */
  public AppBuilder groupInstanceId(String id) {
    return set("groupInstanceId", id);
  }

  /**
   * Warm-up replicas (as Kafka Streams' KIP-441): a table partition moves to a worker only once
   * that worker's copy is at most {@code records} changelog records behind; until then its
   * current holder keeps it active while the new worker warms up a copy in the background.
   *
   * @param records changelog records a copy may be behind and still take over (default 10 000;
   *     0: only a fully caught-up copy)
   * @return this builder
   */
  public AppBuilder acceptableRecoveryLag(long records) {
    return set("acceptableRecoveryLag", records);
  }

  /**
   * @param replicas warm-up copies the group builds at the same time (default 2, at least 1)
   * @return this builder
   */
  public AppBuilder maxWarmupReplicas(int replicas) {
    return set("maxWarmupReplicas", replicas);
  }

  /**
   * @param interval how often the group rebalances while warm-up copies are being built, to hand
   *     over the partitions whose copies caught up (default 1 min)
   * @return this builder
   */
  public AppBuilder probingRebalanceInterval(Duration interval) {
    return set("probingRebalanceInterval", interval);
  }

  /**
   * @param timeout how long a partition with lag may keep its position (while not paused by
   *     backpressure) before it is reported stalled: in {@code /health}, as a metric and in one
   *     WARN line; default 1 minute
   * @return this builder
   */
  public AppBuilder stallTimeout(Duration timeout) {
    return set("stallTimeout", timeout);
  }

  /**
   * @param fail whether a stalled partition fails {@code /health} (liveness), so that an
   *     orchestrator restarts the worker; off by default
   * @return this builder
   */
  public AppBuilder stallFailsLiveness(boolean fail) {
    return set("stallFailsLiveness", fail);
  }

  /**
   * Lets the app register its meters on the application's own Micrometer registry (besides the
   * worker's {@code /metrics}). Typed {@code Object} so that this API module does not depend on
   * Micrometer; anything but an {@code io.micrometer.core.instrument.MeterRegistry} fails at
   * {@link #build()}.
   *
   * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}
   * @return this builder
   */
  @Experimental("new in this release")
  public AppBuilder meterRegistry(Object registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * Registers a listener of worker state changes and table restore progress.
   *
   * @param listener the listener
   * @return this builder
   */
  @Experimental("new in this release")
  public AppBuilder listener(LifecycleListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * @param timeout how long a graceful stop may take
   * @return this builder
   */
  public AppBuilder shutdownTimeout(Duration timeout) {
    return set("shutdownTimeout", timeout);
  }

  /**
   * Lets agents reply to topics other than this app's own reply topics: an incoming {@code
   * mephisto.reply-to} header naming any other topic sends the record to the dead-letter topic.
   *
   * <pre>{@code
   * App.builder("pricing").allowedReplyTopics("billing-reply-*", "audit-replies");
   * }</pre>
   *
   * @param topics exact topic names, or prefixes ending in {@code *}
   * @return this builder
   */
  public AppBuilder allowedReplyTopics(String... topics) {
    return set("allowedReplyTopics", String.join(",", topics));
  }

  /**
   * Passes a Kafka client property through to consumers, producers and the admin client.
   *
   * @param name e.g. {@code security.protocol}
   * @param value e.g. {@code SASL_SSL}
   * @return this builder
   */
  public AppBuilder kafka(String name, String value) {
    return set(SettingsParser.KAFKA_PREFIX + name, value);
  }

  /**
   * Passes a setting to codec providers.
   *
   * @param name e.g. {@code schema.registry.url}
   * @param value its value
   * @return this builder
   */
  public AppBuilder codecConfig(String name, String value) {
    return set(SettingsParser.CODEC_PREFIX + name, value);
  }

  /**
   * Registers a codec provider in code; it replaces a discovered one of the same name.
   *
   * @param provider the provider
   * @return this builder
   */
  public AppBuilder codec(CodecProvider provider) {
    codecs.add(Objects.requireNonNull(provider, "provider"));
    return this;
  }

  /**
   * Registers a store provider in code.
   *
   * @param provider the provider
   * @return this builder
   */
  public AppBuilder storeProvider(StoreProvider provider) {
    stores.add(Objects.requireNonNull(provider, "provider"));
    return this;
  }

  /**
   * Registers a stream operator in code.
   *
   * @param operator the operator
   * @return this builder
   */
  public AppBuilder operator(StreamOperator operator) {
    operators.add(Objects.requireNonNull(operator, "operator"));
    return this;
  }

  /**
   * @param file a properties file of settings ({@code broker=kafka://...}, {@code
   *     kafka.security.protocol=SSL}); it wins over values set in code
   * @return this builder
   */
  public AppBuilder settingsFile(Path file) {
    this.settingsFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * Replaces the environment read for {@code MEPHISTO_*} variables (for tests).
   *
   * @param env variables
   * @return this builder
   */
  public AppBuilder environment(Map<String, String> env) {
    this.environment = Map.copyOf(env);
    return this;
  }

  /**
   * Validates the settings and creates the app through the runtime found on the class path.
   *
   * @return the app, not started
   * @throws ConfigurationException naming the setting, its value and what is allowed
   */
  public App build() {
    return RuntimeProvider.load().create(settings());
  }

  /**
   * Validates and returns the settings without creating an app.
   *
   * @return the settings
   * @throws ConfigurationException naming the setting, its value and what is allowed
   */
  public AppSettings settings() {
    return SettingsParser.parse(id, values, settingsFile, environment, codecs, stores, operators,
        meterRegistry, listeners);
  }
}
