package dev.mephisto;

import dev.mephisto.web.Page;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
  static AppBuilder builder(String id) {
    return new AppBuilder(id);
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
   * @param keyType key type
   * @param valueType value type
   * @return a new channel
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> Channel<K, V> channel(Class<K> keyType, Class<V> valueType);

  /**
   * Declares an in-memory channel without keys (its key type is {@link Void}: keys are null).
   *
   * @param valueType value type
   * @return a new channel
   * @param <V> value type
   */
  default <V> Channel<Void, V> channel(Class<V> valueType) {
    return channel(Void.class, valueType);
  }

  /**
   * Starts configuring an agent over a channel.
   *
   * @param channel what it consumes
   * @return a builder; call {@link AgentBuilder#start} or {@link AgentBuilder#process}
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> AgentBuilder<K, V> agent(Channel<K, V> channel);

  /**
   * Declares an agent whose body loops over its stream.
   *
   * <pre>{@code
   * app.agent(orders, stream -> {          // orders: Topic<String, Order>
   *   for (KeyValue<String, Order> kv : stream.items()) { ... }
   * });
   * }</pre>
   *
   * @param channel what it consumes
   * @param body the loop
   * @return the agent
   * @param <K> key type
   * @param <V> value type
   */
  default <K, V> Agent<K, V> agent(Channel<K, V> channel, Consumer<Stream<K, V>> body) {
    return agent(channel).start(body);
  }

  /**
   * Starts configuring an agent over several topics of one key and value type: their records
   * form one stream, in order per partition (records of different topics interleave as they
   * arrive). Sends to the agent ({@link Agent#send}) go to the first topic. A record that cannot
   * be decoded, or on which the agent fails, goes to the dead-letter topic of its own topic.
   *
   * <pre>{@code
   * app.agent(List.of(ordersEu, ordersUs)).name("all-orders").start(stream -> { ... });
   * }</pre>
   *
   * @param topics at least one topic, each declared by this app
   * @return a builder; call {@link AgentBuilder#start} or {@link AgentBuilder#process}
   * @param <K> key type, the same for every topic
   * @param <V> value type, the same for every topic
   */
  @Experimental("new in this release")
  <K, V> AgentBuilder<K, V> agent(List<? extends Topic<K, V>> topics);

  /**
   * Declares an agent over several topics whose body loops over their stream.
   *
   * @param topics at least one topic, each declared by this app
   * @param body the loop
   * @return the agent
   * @param <K> key type
   * @param <V> value type
   */
  @Experimental("new in this release")
  default <K, V> Agent<K, V> agent(List<? extends Topic<K, V>> topics,
      Consumer<Stream<K, V>> body) {
    return agent(topics).start(body);
  }

  /**
   * Declares a topic pattern: every topic whose whole name matches, now or later, of one key
   * and value type. It is not created by the app; an agent reads what exists.
   *
   * @param pattern the expression, e.g. {@code Pattern.compile("orders-.*")}
   * @param keyType key type
   * @param valueType value type
   * @return the pattern, with default codecs and a refresh every 30 seconds
   * @param <K> key type
   * @param <V> value type
   */
  @Experimental("new in this release")
  <K, V> TopicPattern<K, V> topicPattern(Pattern pattern, Class<K> keyType, Class<V> valueType);

  /**
   * Starts configuring an agent over every topic that matches a pattern.
   *
   * @param topics the pattern
   * @return a builder; call {@link AgentBuilder#start} or {@link AgentBuilder#process}
   * @param <K> key type
   * @param <V> value type
   */
  @Experimental("new in this release")
  <K, V> AgentBuilder<K, V> agent(TopicPattern<K, V> topics);

  /**
   * Declares an agent over every topic that matches a pattern, whose body loops over them.
   *
   * @param topics the pattern
   * @param body the loop
   * @return the agent
   * @param <K> key type
   * @param <V> value type
   */
  @Experimental("new in this release")
  default <K, V> Agent<K, V> agent(TopicPattern<K, V> topics, Consumer<Stream<K, V>> body) {
    return agent(topics).start(body);
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
   * Declares a windowed table: values kept per time window (tumbling, hopping, sliding or
   * session windows), closed after their grace and deleted after their expiry.
   *
   * <pre>{@code
   * WindowedTable<String, Long> views = app.windowedTable(
   *     TableSpec.of("views", String.class, Long.class).withDefault(0L)
   *         .tumbling(Duration.ofMinutes(1)).grace(Duration.ofSeconds(10)));
   * }</pre>
   *
   * @param spec the table, its windows and options
   * @return the table
   * @param <K> key type
   * @param <V> value type
   */
  @Experimental("new in this release")
  <K, V> WindowedTable<K, V> windowedTable(WindowedTableSpec<K, V> spec);

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
  @Experimental("new in this release")
  void page(String path, Page page);

  /**
   * Registers a listener of worker state changes and table restore progress (also possible on
   * the builder, {@link AppBuilder#listener(LifecycleListener)}, to see the first states).
   *
   * @param listener the listener
   */
  @Experimental("new in this release")
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
}
