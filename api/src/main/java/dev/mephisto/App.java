package dev.mephisto;

import dev.mephisto.codec.CodecProvider;
import dev.mephisto.internal.SettingsParser;
import dev.mephisto.spi.RuntimeProvider;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.stream.StreamOperator;
import dev.mephisto.web.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A Mephisto application: topics, agents, tables and timers, run by one or more workers that share
 * the app id as their Kafka consumer group.
 *
 * <pre>{@code
 * App app = App.builder("order-app").broker("kafka://localhost:9092").build();
 * Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
 * Table<String, Long> counts = app.table("order_count", String.class, Long.class, 0L);
 * app.agent(orders, stream -> {
 *   for (Order order : stream.groupBy(Order::accountId, "accountId")) {
 *     counts.update(order.accountId(), n -> n + 1);
 *   }
 * });
 * app.main(args);
 * }</pre>
 *
 * <p>Declare everything before {@link #start()}; declarations after it fail.
 */
public interface App extends AutoCloseable {

  /**
   * Starts building an app.
   *
   * @param id the app id: letters, digits, '.', '_' or '-'
   * @return a builder with every setting at its default
   */
  static Builder builder(String id) {
    return new Builder(id);
  }

  /** @return the app id */
  String id();

  /** @return the settings the app was built with */
  AppSettings settings();

  /**
   * Declares a topic; it is created at start when missing (if {@code createTopics} is on).
   *
   * @param name the topic name
   * @param keyType key type
   * @param valueType value type
   * @return the topic
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType);

  /**
   * Declares an in-memory channel: values sent to it reach the agents that consume it, in this
   * process only.
   *
   * @param valueType value type
   * @return a new channel
   * @param <V> value type
   */
  <V> Channel<V> channel(Class<V> valueType);

  /**
   * Starts configuring an agent over a channel.
   *
   * @param channel what it consumes
   * @return a builder; call {@link AgentBuilder#start} or {@link AgentBuilder#process}
   * @param <V> value type
   */
  <V> AgentBuilder<V> agent(Channel<V> channel);

  /**
   * Declares an agent whose body loops over its stream.
   *
   * @param channel what it consumes
   * @param body the loop
   * @return the agent
   * @param <V> value type
   */
  default <V> Agent<V> agent(Channel<V> channel, Consumer<Stream<V>> body) {
    return agent(channel).start(body);
  }

  /**
   * Declares a table.
   *
   * @param spec name, types and options
   * @return the table
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> Table<K, V> table(TableSpec<K, V> spec);

  /**
   * Declares a table with a default value.
   *
   * @param name table name
   * @param keyType key type
   * @param valueType value type
   * @param defaultValue value seen for absent keys
   * @return the table
   * @param <K> key type
   * @param <V> value type
   */
  default <K, V> Table<K, V> table(
      String name, Class<K> keyType, Class<V> valueType, V defaultValue) {
    return table(TableSpec.of(name, keyType, valueType).withDefault(defaultValue));
  }

  /**
   * Declares a global table: every worker restores and follows every partition.
   *
   * @param spec name, types and options
   * @return the table
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> Table<K, V> globalTable(TableSpec<K, V> spec);

  /**
   * Declares a table of sets.
   *
   * @param name table name
   * @param keyType key type
   * @param elementType element type
   * @return the table
   * @param <K> key type
   * @param <E> element type
   */
  <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType);

  /**
   * Runs a task every {@code interval} on every worker.
   *
   * @param interval time between runs
   * @param task the task
   */
  default void timer(Duration interval, Runnable task) {
    timer(interval, TaskOptions.everyWorker(), task);
  }

  /**
   * Runs a task every {@code interval}.
   *
   * @param interval time between runs
   * @param options e.g. {@link TaskOptions#onLeaderOnly()}
   * @param task the task
   */
  void timer(Duration interval, TaskOptions options, Runnable task);

  /**
   * Runs a task on a cron schedule (five fields: minute hour day-of-month month day-of-week).
   *
   * @param cron e.g. {@code "*}{@code /5 * * * *"}
   * @param zone the time zone the schedule is read in
   * @param options e.g. {@link TaskOptions#onLeaderOnly()}
   * @param task the task
   */
  void crontab(String cron, ZoneId zone, TaskOptions options, Runnable task);

  /**
   * Runs a task once when the worker starts.
   *
   * @param options e.g. {@link TaskOptions#onLeaderOnly()}
   * @param task the task
   */
  void task(TaskOptions options, Runnable task);

  /**
   * Serves an application page on the worker's web server, beside {@code /health}, {@code
   * /metrics}, {@code /tables} and the dashboard.
   *
   * <pre>{@code
   * app.page("/orders/count", request -> PageResponse.text("orders: " + counter.get()));
   * }</pre>
   *
   * @param path the path, starting with {@code /}; it answers that path and the paths below it
   * @param page answers the requests
   * @throws ConfigurationException if the path is taken (by Mephisto's pages or another page) or
   *     the app already started
   */
  void page(String path, Page page);

  /**
   * Registers a listener of worker state changes and table restore progress (also possible on
   * the builder, {@link Builder#listener(LifecycleListener)}, to see the first states).
   *
   * @param listener the listener
   */
  void listener(LifecycleListener listener);

  /** Starts the worker: creates topics, joins the group, starts agents and timers. */
  void start();

  /** Stops the worker gracefully: drains in-flight events, commits, closes stores. */
  void stop();

  /** Same as {@link #stop()}. */
  @Override
  default void close() {
    stop();
  }

  /**
   * Runs the command line ({@code worker}, {@code send}, ...) and exits the JVM with its status.
   *
   * @param args command-line arguments
   */
  void main(String... args);

  /**
   * Runs the command line and returns its exit status instead of exiting.
   *
   * @param args command-line arguments
   * @return the exit status, 0 on success
   */
  int run(String... args);

  /**
   * Builds an {@link App}. Settings come, each later source winning, from the defaults, the
   * methods called here, the properties file ({@link #settingsFile(Path)} or {@code
   * MEPHISTO_SETTINGS_FILE}) and environment variables {@code MEPHISTO_<NAME>} (e.g. {@code
   * MEPHISTO_BROKER}, {@code MEPHISTO_TOPIC_PARTITIONS}, {@code MEPHISTO_KAFKA_SASL_MECHANISM}).
   */
  final class Builder {
    private final String id;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<CodecProvider> codecs = new ArrayList<>();
    private final List<StoreProvider> stores = new ArrayList<>();
    private final List<StreamOperator> operators = new ArrayList<>();
    private final List<LifecycleListener> listeners = new ArrayList<>();
    private Object meterRegistry;
    private Map<String, String> environment = System.getenv();
    private Path settingsFile;

    Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    private Builder set(String name, Object value) {
      values.put(name, String.valueOf(Objects.requireNonNull(value, name)));
      return this;
    }

    /**
     * @param url {@code kafka://host:9092[;host2:9092]} or {@code memory://}
     * @return this builder
     */
    public Builder broker(String url) {
      return set("broker", url);
    }

    /**
     * @param url default table store: {@code memory://} or {@code rocksdb:///path}
     * @return this builder
     */
    public Builder store(String url) {
      return set("store", url);
    }

    /**
     * @param guarantee at-least-once or exactly-once
     * @return this builder
     */
    public Builder processingGuarantee(ProcessingGuarantee guarantee) {
      return set("processingGuarantee", guarantee);
    }

    /** @return this builder, with Kafka transactions ({@link ProcessingGuarantee#EXACTLY_ONCE}) */
    public Builder exactlyOnce() {
      return processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE);
    }

    /**
     * @param partitions default partition count of created topics
     * @return this builder
     */
    public Builder topicPartitions(int partitions) {
      return set("topicPartitions", partitions);
    }

    /**
     * @param factor replication factor of created topics
     * @return this builder
     */
    public Builder topicReplicationFactor(int factor) {
      return set("topicReplicationFactor", factor);
    }

    /**
     * @param create whether missing topics are created at start
     * @return this builder
     */
    public Builder createTopics(boolean create) {
      return set("createTopics", create);
    }

    /**
     * @param interval how often offsets are committed
     * @return this builder
     */
    public Builder commitInterval(Duration interval) {
      return set("commitInterval", interval);
    }

    /**
     * @param events commit after this many acked events at the latest
     * @return this builder
     */
    public Builder commitEvery(int events) {
      return set("commitEvery", events);
    }

    /**
     * @param events events buffered per partition before it is paused
     * @return this builder
     */
    public Builder streamBufferMaxSize(int events) {
      return set("streamBufferMaxSize", events);
    }

    /**
     * @param reset {@code earliest} or {@code latest}
     * @return this builder
     */
    public Builder consumerAutoOffsetReset(String reset) {
      return set("consumerAutoOffsetReset", reset);
    }

    /**
     * @param spec default key codec chain
     * @return this builder
     */
    public Builder keyCodec(String spec) {
      return set("keyCodec", spec);
    }

    /**
     * @param spec default value codec chain
     * @return this builder
     */
    public Builder valueCodec(String spec) {
      return set("valueCodec", spec);
    }

    /**
     * @param policy default error policy of agents
     * @return this builder
     */
    public Builder onError(OnError policy) {
      return set("onError", policy);
    }

    /**
     * @param suffix dead-letter topics are {@code <topic><suffix>}
     * @return this builder
     */
    public Builder deadLetterSuffix(String suffix) {
      return set("deadLetterSuffix", suffix);
    }

    /**
     * @param replicas warm table copies on other workers
     * @return this builder
     */
    public Builder tableStandbyReplicas(int replicas) {
      return set("tableStandbyReplicas", replicas);
    }

    /**
     * @param host address the web server binds to (default {@code 127.0.0.1})
     * @param port its port (default 6066; 0 picks a free one)
     * @return this builder
     */
    public Builder web(String host, int port) {
      set("webHost", host);
      return set("webPort", port);
    }

    /**
     * @param enabled whether the worker serves its web server ({@code /health}, {@code
     *     /metrics}, the dashboard, table lookups); on by default
     * @return this builder
     */
    public Builder web(boolean enabled) {
      return set("webEnabled", enabled);
    }

    /**
     * @param host the host other workers reach this worker's web server at (table lookups are
     *     routed there); by default {@code webHost}, or this machine's name when that is a
     *     wildcard address such as {@code 0.0.0.0}
     * @return this builder
     */
    public Builder webAdvertisedHost(String host) {
      return set("webAdvertisedHost", host);
    }

    /**
     * @param timeout how long a partition with lag may keep its position (while not paused by
     *     backpressure) before it is reported stalled: in {@code /health}, as a metric and in one
     *     WARN line; default 1 minute
     * @return this builder
     */
    public Builder stallTimeout(Duration timeout) {
      return set("stallTimeout", timeout);
    }

    /**
     * @param fail whether a stalled partition fails {@code /health} (liveness), so that an
     *     orchestrator restarts the worker; off by default
     * @return this builder
     */
    public Builder stallFailsLiveness(boolean fail) {
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
    public Builder meterRegistry(Object registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Registers a listener of worker state changes and table restore progress.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(LifecycleListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * @param timeout how long a graceful stop may take
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
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
    public Builder allowedReplyTopics(String... topics) {
      return set("allowedReplyTopics", String.join(",", topics));
    }

    /**
     * Passes a Kafka client property through to consumers, producers and the admin client.
     *
     * @param name e.g. {@code security.protocol}
     * @param value e.g. {@code SASL_SSL}
     * @return this builder
     */
    public Builder kafka(String name, String value) {
      return set(SettingsParser.KAFKA_PREFIX + name, value);
    }

    /**
     * Passes a setting to codec providers.
     *
     * @param name e.g. {@code schema.registry.url}
     * @param value its value
     * @return this builder
     */
    public Builder codecConfig(String name, String value) {
      return set(SettingsParser.CODEC_PREFIX + name, value);
    }

    /**
     * Registers a codec provider in code; it replaces a discovered one of the same name.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder codec(CodecProvider provider) {
      codecs.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * Registers a store provider in code.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder storeProvider(StoreProvider provider) {
      stores.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * Registers a stream operator in code.
     *
     * @param operator the operator
     * @return this builder
     */
    public Builder operator(StreamOperator operator) {
      operators.add(Objects.requireNonNull(operator, "operator"));
      return this;
    }

    /**
     * @param file a properties file of settings ({@code broker=kafka://...}, {@code
     *     kafka.security.protocol=SSL}); it wins over values set in code
     * @return this builder
     */
    public Builder settingsFile(Path file) {
      this.settingsFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Replaces the environment read for {@code MEPHISTO_*} variables (for tests).
     *
     * @param env variables
     * @return this builder
     */
    public Builder environment(Map<String, String> env) {
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
}
