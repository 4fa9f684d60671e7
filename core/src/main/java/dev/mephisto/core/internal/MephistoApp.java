package dev.mephisto.core.internal;

import dev.mephisto.AgentBuilder;
import dev.mephisto.App;
import dev.mephisto.AppSettings;
import dev.mephisto.Channel;
import dev.mephisto.ConfigurationException;
import dev.mephisto.LifecycleListener;
import dev.mephisto.RecordMetadata;
import dev.mephisto.SetTable;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.WindowedTable;
import dev.mephisto.WindowedTableSpec;
import dev.mephisto.TaskOptions;
import dev.mephisto.Topic;
import dev.mephisto.TopicPattern;
import dev.mephisto.core.internal.agent.AgentHost;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.cli.Cli;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.core.internal.timer.Cron;
import dev.mephisto.core.internal.timer.Timers;
import dev.mephisto.core.internal.web.WebServer;
import dev.mephisto.web.Page;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The {@link App} of the core runtime: what the app declares (topics in {@link AppTopics}, agents
 * in {@link AgentDeclarations}, tables, timers), the worker's start and stop ({@link
 * AppLifecycle}), ask and reply ({@link AppReplies}) and the CLI.
 */
public final class MephistoApp implements App, AgentHost {
  private final AppSettings settings;
  private final AppServices services;
  private final List<AgentRuntime<?, ?>> agents = new CopyOnWriteArrayList<>();
  private final List<WorkerListener> listeners = new CopyOnWriteArrayList<>();
  private final Timers timers = new Timers();
  private final AtomicInteger channels = new AtomicInteger();
  private final AppTopics topics;
  private final AgentDeclarations declarations;
  private final AppReplies replies;
  private final AppLifecycle lifecycle;
  private final WebServer web;
  private final TableRuntime tables;

  /** @param settings validated settings */
  public MephistoApp(AppSettings settings) {
    if (!settings.inMemory()) {
      // a kafka.* setting the runtime owns fails now, at build(), not silently at start
      dev.mephisto.core.internal.transport.KafkaTransport.checkSettings(settings);
    }
    this.settings = settings;
    this.services = new AppServices(settings);
    String leaderTopic = settings.id() + "-__leader";
    this.topics = new AppTopics(services, leaderTopic, this::started);
    this.declarations = new AgentDeclarations(this, agents, leaderTopic);
    this.replies = new AppReplies(services);
    this.web = new WebServer(this);
    AppTableHost host = new AppTableHost(this, services);
    this.tables = host.bind(new TableRuntime(host));
    tables.restoreProgress().listener(services.monitor().lifecycle()::restore);
    listeners.add(host);
    this.lifecycle = new AppLifecycle(services, topics, declarations, agents, listeners, timers,
        tables, replies, leaderTopic, web);
    // resolve the default codecs now: an unknown name fails at build(), not at the first record
    services.codecs().resolve(settings.valueCodec());
    services.codecs().resolve(settings.keyCodec());
  }

  /**
   * Adds a listener of the poll loop's assignments, revocations and commits (internal API for
   * tests); it takes effect at start.
   *
   * @param listener the listener
   */
  public void workerListener(WorkerListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  private boolean started() {
    return lifecycle.started();
  }

  /** @return the table runtime (internal API for web, CLI and tests) */
  @Override
  public Optional<TableRuntime> tableRuntime() {
    return Optional.of(tables);
  }

  @Override
  public App app() {
    return this;
  }

  @Override
  public AppServices services() {
    return services;
  }

  @Override
  public String appId() {
    return settings.id();
  }

  @Override
  public String id() {
    return settings.id();
  }

  @Override
  public AppSettings settings() {
    return settings;
  }

  /** @return the declared agents */
  public List<AgentRuntime<?, ?>> agents() {
    return List.copyOf(agents);
  }

  /** @return the declared topics, by name */
  public Map<String, Topic<?, ?>> topics() {
    return topics.all();
  }

  /** @return the worker's poll loop, once started */
  public Optional<Conductor> conductor() {
    return lifecycle.conductor();
  }

  @Override
  public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType) {
    return topics.declare(name, keyType, valueType);
  }

  @Override
  public <K, V> Channel<K, V> channel(Class<K> keyType, Class<V> valueType) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return new ChannelImpl<>("channel-" + channels.incrementAndGet(), keyType, valueType);
  }

  @Override
  public <K, V> AgentBuilder<K, V> agent(Channel<K, V> channel) {
    lifecycle.requireNotStarted("agents");
    return declarations.over(channel);
  }

  @Override
  public <K, V> AgentBuilder<K, V> agent(List<? extends Topic<K, V>> topics) {
    lifecycle.requireNotStarted("agents");
    return declarations.over(topics);
  }

  @Override
  public <K, V> TopicPattern<K, V> topicPattern(Pattern pattern, Class<K> keyType,
      Class<V> valueType) {
    return new TopicPatternImpl<>(pattern, keyType, valueType, Optional.empty(), Optional.empty(),
        TopicPatternImpl.DEFAULT_REFRESH);
  }

  @Override
  public <K, V> AgentBuilder<K, V> agent(TopicPattern<K, V> topics) {
    lifecycle.requireNotStarted("agents");
    return declarations.over(topics);
  }

  @Override
  public <K, V> Table<K, V> table(TableSpec<K, V> spec) {
    lifecycle.requireNotStarted("tables");
    topics.checkChangelogName(Objects.requireNonNull(spec, "spec").name());
    return tables.table(spec, false);
  }

  @Override
  public <K, V> Table<K, V> globalTable(TableSpec<K, V> spec) {
    lifecycle.requireNotStarted("tables");
    topics.checkChangelogName(Objects.requireNonNull(spec, "spec").name());
    return tables.table(spec, true);
  }

  @Override
  public <K, V> WindowedTable<K, V> windowedTable(WindowedTableSpec<K, V> spec) {
    lifecycle.requireNotStarted("tables");
    topics.checkChangelogName(Objects.requireNonNull(spec, "spec").table().name());
    return tables.windowedTable(spec);
  }

  @Override
  public <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType) {
    lifecycle.requireNotStarted("tables");
    // the name's own rules first
    topics.checkChangelogName(TableSpec.of(name, keyType, elementType).name());
    return tables.setTable(name, keyType, elementType);
  }

  @Override
  public void timer(Duration interval, TaskOptions options, Runnable task) {
    lifecycle.requireNotStarted("timers");
    timers.timer(Objects.requireNonNull(interval, "interval"), Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(task, "task"));
  }

  @Override
  public void crontab(String cron, ZoneId zone, TaskOptions options, Runnable task) {
    lifecycle.requireNotStarted("crontabs");
    timers.crontab(Cron.parse(Objects.requireNonNull(cron, "cron")), Objects.requireNonNull(zone, "zone"),
        Objects.requireNonNull(options, "options"), Objects.requireNonNull(task, "task"));
  }

  @Override
  public void task(TaskOptions options, Runnable task) {
    lifecycle.requireNotStarted("tasks");
    timers.task(Objects.requireNonNull(options, "options"), Objects.requireNonNull(task, "task"));
  }

  @Override
  public void page(String path, Page page) {
    web.page(path, page);
  }

  @Override
  public void listener(LifecycleListener listener) {
    services.monitor().lifecycle().add(Objects.requireNonNull(listener, "listener"));
  }

  /** @return the worker's web server (its port once serving) */
  public WebServer web() {
    return web;
  }

  @Override
  public void start() {
    lifecycle.start();
  }

  @Override
  public void stop() {
    lifecycle.stop();
  }

  /**
   * Stops the worker as a killed process would, for tests of recovery: the poll loop ends without
   * committing offsets, table stores are released without checkpoints, the consumer leaves the
   * group so that the others take over at once.
   */
  public void simulateCrash() {
    lifecycle.simulateCrash();
  }

  /** @return true between start() and stop(), false as soon as a failure stops the worker */
  public boolean running() {
    return lifecycle.running();
  }

  /** @return true once stop() began (long work such as table restores gives up) */
  public boolean stopRequested() {
    return lifecycle.stopRequested();
  }

  /**
   * Something the worker cannot go on without failed (its poll loop, a commit, a table, an agent
   * with policy STOP): logs one ERROR line naming it, makes {@link #running()} false at once and
   * stops the worker on another thread; {@link #failure()} then tells the CLI to exit non-zero.
   * During a stop already under way it is only logged at INFO (a restore abandoned because the
   * worker stops is no failure).
   *
   * @param what what failed, e.g. {@code "The poll loop"} or {@code "Agent 'counter'"}
   * @param error why
   */
  @Override
  public void fatal(String what, Throwable error) {
    lifecycle.fatal(what, error);
  }

  /** @return the failure that stopped the worker, if one did */
  public Optional<Throwable> failure() {
    return lifecycle.failure();
  }

  @Override
  public void topicsChanged() {
    lifecycle.topicsChanged();
  }

  @Override
  public <K, V> Binding<K, V> internalTopic(String topic, int partitions, Class<K> keyType,
      String keySpec, Class<V> valueType, String valueSpec) {
    return topics.internalTopic(topic, partitions, keyType, keySpec, valueType, valueSpec);
  }

  @Override
  public int partitionsOf(String topic) {
    return topics.partitionsOf(topic);
  }

  @Override
  public <K, V> Binding<K, V> bindingOf(Topic<K, V> topic) {
    return topics.bindingOf(topic);
  }

  @Override
  public <K, V> CompletableFuture<RecordMetadata> sendToChannel(
      Channel<K, V> channel, K key, V value, Map<String, byte[]> headers) {
    try {
      if (channel instanceof ChannelImpl<K, V> c) {
        return c.send(key, value, headers);
      }
      if (channel instanceof Topic<K, V> t) {
        return services.send(bindingOf(t), key, value, headers, null);
      }
      throw new ConfigurationException("Channel '" + channel.name() + "' was not made by this app");
    } catch (RuntimeException e) {
      return Outputs.failed(channel.name(), e); // the event being processed follows the policy
    }
  }

  @Override
  public <K, V, R> CompletableFuture<R> ask(
      AgentRuntime<K, V> agent, V value, Class<R> replyType, Duration timeout) {
    return replies.ask(this, agent, value, replyType, timeout);
  }

  @Override
  public void reply(String replyTo, byte[] correlationId, Object result) {
    replies.reply(replyTo, correlationId, result);
  }

  @Override
  public RuntimeException refusedReplyTopic(byte[] header) {
    return replies.refusal(header);
  }

  @Override
  public void main(String... args) {
    int code = run(args);
    System.exit(code);
  }

  @Override
  public int run(String... args) {
    return Cli.run(this, args);
  }

  /** @return every agent's name with its topics, for the CLI */
  public Map<String, Collection<String>> agentTopics() {
    Map<String, Collection<String>> m = new LinkedHashMap<>();
    for (AgentRuntime<?, ?> a : agents) {
      m.put(a.name(), a.readsTopics() ? a.topics() : List.of(a.sourceName()));
    }
    return m;
  }
}
