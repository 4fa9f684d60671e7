package dev.mephisto.core.internal;

import dev.mephisto.AgentBuilder;
import dev.mephisto.App;
import dev.mephisto.AppSettings;
import dev.mephisto.Channel;
import dev.mephisto.ConfigurationException;
import dev.mephisto.LifecycleListener;
import dev.mephisto.WorkerState;
import dev.mephisto.web.Page;
import dev.mephisto.core.internal.metrics.TableGauges;
import dev.mephisto.core.internal.web.WebServer;
import dev.mephisto.RecordMetadata;
import dev.mephisto.SetTable;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.TaskOptions;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.agent.AgentBuilderImpl;
import dev.mephisto.core.internal.agent.AgentHost;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.cli.Cli;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.core.internal.timer.Cron;
import dev.mephisto.core.internal.timer.Timers;
import dev.mephisto.core.internal.transport.TopicDefinition;
import dev.mephisto.internal.Names;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link App} of the core runtime: declarations, start and stop, and the CLI. */
public final class MephistoApp implements App, AgentHost, TopicImpl.TopicRegistry {
  private static final Logger log = LoggerFactory.getLogger(MephistoApp.class);
  private static final Duration READY_WAIT = Duration.ofSeconds(10);

  private enum State { NEW, RUNNING, STOPPING, STOPPED }

  private final AppSettings settings;
  private final AppServices services;
  private final Map<String, TopicImpl<?, ?>> topics = new LinkedHashMap<>();
  private final java.util.Set<String> declared = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<AgentRuntime<?>> agents = new CopyOnWriteArrayList<>();
  private final List<WorkerListener> listeners = new CopyOnWriteArrayList<>();
  private final Timers timers = new Timers();
  private final AtomicInteger channels = new AtomicInteger();
  private final Object lifecycle = new Object();
  private final WorkerFailure failure;
  private final java.util.Set<String> replyTopics = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final String leaderTopic;
  private volatile State state = State.NEW;
  private volatile Conductor conductor;
  private volatile Replies replies;
  private volatile TableSupport tables;
  private final WebServer web;

  /** @param settings validated settings */
  public MephistoApp(AppSettings settings) {
    this.settings = settings;
    this.services = new AppServices(settings);
    this.failure = new WorkerFailure(settings.id());
    this.leaderTopic = settings.id() + "-__leader";
    this.web = new WebServer(this);
    // resolve the default codecs now: an unknown name fails at build(), not at the first record
    services.codecs().resolve(settings.valueCodec());
    services.codecs().resolve(settings.keyCodec());
    tableSupport(new TableRuntime(this, services));
  }

  /** @param support the table runtime */
  public void tableSupport(TableSupport support) {
    TableSupport old = this.tables;
    if (old != null) {
      listeners.remove(old);
    }
    this.tables = support;
    listeners.add(support);
  }

  /** @return the table runtime (internal API for web, CLI and tests), if tables are supported */
  public Optional<TableRuntime> tableRuntime() {
    return tables instanceof TableRuntime t ? Optional.of(t) : Optional.empty();
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
  public List<AgentRuntime<?>> agents() {
    return List.copyOf(agents);
  }

  /** @return the declared topics, by name */
  public Map<String, Topic<?, ?>> topics() {
    synchronized (topics) {
      return Map.copyOf(topics);
    }
  }

  /** @return the worker's poll loop, once started */
  public Optional<Conductor> conductor() {
    return Optional.ofNullable(conductor);
  }

  private void requireNotStarted(String what) {
    if (state != State.NEW) {
      throw new ConfigurationException("Cannot declare " + what + " after the app '" + settings.id()
          + "' started; declare everything before start()");
    }
  }

  @Override
  public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Names.checkTopic("Topic name", name, "choose another name");
    services.valueTypes().declare(keyType);
    services.valueTypes().declare(valueType);
    TopicImpl<K, V> t = new TopicImpl<>(this, name, keyType, valueType);
    t.bind(register(t));
    return t;
  }

  @Override
  public <K, V> Binding<K, V> register(TopicImpl<K, V> topic) {
    Binding<K, V> b = services.binding(topic.name(), topic.keyType(), topic.valueType(),
        topic.keyCodec(), topic.valueCodec());
    synchronized (topics) {
      topics.put(topic.name(), topic);
    }
    if (state == State.RUNNING) {
      services.transport().ensureTopics(List.of(definition(topic)));
      declared.add(topic.name());
    }
    return b;
  }

  @Override
  public void beforeSend(TopicImpl<?, ?> topic) {
    if (!declared.contains(topic.name())) {
      services.transport().ensureTopics(List.of(definition(topic)));
      declared.add(topic.name());
    }
  }

  private TopicDefinition definition(TopicImpl<?, ?> t) {
    return new TopicDefinition(t.name(), t.partitions().orElse(settings.topicPartitions()),
        t.replicationFactor().orElse(settings.topicReplicationFactor()), t.creationConfigs());
  }

  @Override
  public <V> Channel<V> channel(Class<V> valueType) {
    Objects.requireNonNull(valueType, "valueType");
    services.valueTypes().declare(valueType);
    return new ChannelImpl<>("channel-" + channels.incrementAndGet(), valueType);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> AgentBuilder<V> agent(Channel<V> channel) {
    Objects.requireNonNull(channel, "channel");
    requireNotStarted("agents");
    Binding<?, V> binding;
    if (channel instanceof TopicImpl<?, ?> t) {
      Names.checkTopic("Dead-letter topic of topic '" + t.name() + "'",
          services.deadLetterTopic(t.name()), "an agent's records that fail go there: use a "
          + "shorter topic name or 'deadLetterSuffix'");
      binding = ((TopicImpl<?, V>) t).binding();
    } else if (channel instanceof ChannelImpl<V> c) {
      binding = new Binding<>(c.name(), Object.class, c.valueType(), "raw",
          services.codecs().resolve("raw"), "raw", services.codecs().resolve("raw"));
    } else {
      throw new ConfigurationException("Channel '" + channel.name() + "' of type "
          + channel.getClass().getName() + " was not made by this app; use app.topic(...) or "
          + "app.channel(...)");
    }
    return new AgentBuilderImpl<>(this, channel, binding, a -> {
      for (AgentRuntime<?> other : agents) {
        if (other.name().equals(a.name())) {
          throw new ConfigurationException("Two agents are named '" + a.name()
              + "'; give one another name with app.agent(channel).name(...)");
        }
      }
      agents.add(a);
      if (channel instanceof ChannelImpl<?> c) {
        c.subscribe(a);
      }
    });
  }

  private TableSupport tables() {
    TableSupport t = tables;
    if (t == null) {
      throw new ConfigurationException("Tables are not available in this runtime build");
    }
    return t;
  }

  @Override
  public <K, V> Table<K, V> table(TableSpec<K, V> spec) {
    requireNotStarted("tables");
    declareTypes(spec);
    return tables().table(spec, false);
  }

  @Override
  public <K, V> Table<K, V> globalTable(TableSpec<K, V> spec) {
    requireNotStarted("tables");
    declareTypes(spec);
    return tables().table(spec, true);
  }

  @Override
  public <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType) {
    requireNotStarted("tables");
    declareTypes(TableSpec.of(name, keyType, elementType));
    return tables().setTable(name, keyType, elementType);
  }

  /** Checks what a table's name makes (its changelog topic) and declares its types. */
  private void declareTypes(TableSpec<?, ?> spec) {
    Objects.requireNonNull(spec, "spec");
    Names.checkTopic("Changelog topic of table '" + spec.name() + "'",
        settings.id() + "-" + spec.name() + "-changelog", "give the table a shorter name");
    services.valueTypes().declare(spec.keyType());
    services.valueTypes().declare(spec.valueType());
  }

  @Override
  public void timer(Duration interval, TaskOptions options, Runnable task) {
    requireNotStarted("timers");
    timers.timer(Objects.requireNonNull(interval, "interval"), Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(task, "task"));
  }

  @Override
  public void crontab(String cron, ZoneId zone, TaskOptions options, Runnable task) {
    requireNotStarted("crontabs");
    timers.crontab(Cron.parse(Objects.requireNonNull(cron, "cron")), Objects.requireNonNull(zone, "zone"),
        Objects.requireNonNull(options, "options"), Objects.requireNonNull(task, "task"));
  }

  @Override
  public void task(TaskOptions options, Runnable task) {
    requireNotStarted("tasks");
    timers.task(Objects.requireNonNull(options, "options"), Objects.requireNonNull(task, "task"));
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new ConfigurationException("App '" + settings.id() + "' was already started");
      }
      long t0 = System.nanoTime();
      services.monitor().lifecycle().starting();
      if (settings.webEnabled()) {
        web.start(); // first: a taken port fails before anything runs; its port is advertised
      }
      ensureTopics();
      TableSupport t = tables;
      if (t != null) {
        t.start();
      }
      state = State.RUNNING;
      agents.forEach(AgentRuntime::start);
      for (AgentRuntime<?> a : agents) {
        if (!a.awaitReady(READY_WAIT)) {
          log.warn("Agent '{}' did not ask for its first record within {} s; subscribing anyway",
              a.name(), READY_WAIT.toSeconds());
        }
      }
      Conductor c = new Conductor(services, () -> agents.stream()
          .filter(a -> a.channel() instanceof Topic<?, ?> || !a.topics().isEmpty()).toList(),
          listeners, leaderTopic, this::fatal);
      conductor = c;
      tableRuntime().ifPresent(rt -> TableGauges.register(services.monitor().metrics(), rt));
      c.start();
      timers.start(c::isLeader);
      log.info("App '{}' started on '{}' with {} agent(s) in {} ms", settings.id(),
          settings.broker(), agents.size(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private void ensureTopics() {
    List<TopicDefinition> defs = new ArrayList<>();
    synchronized (topics) {
      topics.values().forEach(t -> defs.add(definition(t)));
    }
    defs.add(new TopicDefinition(leaderTopic, 1, settings.topicReplicationFactor(), Map.of()));
    Map<String, Integer> partitions = services.transport().ensureTopics(defs);
    declared.addAll(partitions.keySet());
    TableSupport t = tables;
    if (t != null) {
      // after the topics exist: a table takes its partition count from the topics feeding it
      services.transport().ensureTopics(t.topics());
    }
    List<TopicDefinition> dlqs = new ArrayList<>();
    for (AgentRuntime<?> a : agents) {
      for (String topic : a.topics()) {
        dlqs.add(new TopicDefinition(services.deadLetterTopic(topic),
            partitions.getOrDefault(topic, settings.topicPartitions()),
            settings.topicReplicationFactor(), Map.of()));
      }
    }
    services.transport().ensureTopics(dlqs);
  }

  @Override
  public void stop() {
    synchronized (lifecycle) {
      if (state != State.RUNNING) {
        if (state == State.NEW) {
          state = State.STOPPED;
          TableSupport t = tables;
          if (t != null) {
            t.stop(); // stores used by test contexts before start
          }
          services.closeTransport();
          web.close(); // a start that failed after binding
        }
        return;
      }
      state = State.STOPPING;
      services.monitor().lifecycle().moveTo(WorkerState.STOPPING);
      log.info("Stopping app '{}'", settings.id());
      timers.stop();
      Conductor c = conductor;
      if (c != null) {
        c.stop();
      }
      long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
      for (AgentRuntime<?> a : agents) {
        if (!(a.channel() instanceof Topic<?, ?>)) {
          a.signalEnd();
          a.awaitStopped(deadline);
        }
      }
      Replies r = replies;
      if (r != null) {
        r.stop();
      }
      TableSupport t = tables;
      if (t != null) {
        t.stop();
      }
      services.closeTransport();
      state = State.STOPPED;
      services.monitor().lifecycle().moveTo(WorkerState.STOPPED);
      web.close();
      log.info("App '{}' stopped", settings.id());
    }
  }

  /**
   * Stops the worker as a killed process would, for tests of recovery: the poll loop ends without
   * committing offsets, table stores are released without checkpoints, the consumer leaves the
   * group so that the others take over at once.
   */
  public void simulateCrash() {
    synchronized (lifecycle) {
      if (state != State.RUNNING) {
        return;
      }
      state = State.STOPPING;
      log.warn("Simulating a crash of app '{}'", settings.id());
      timers.stop();
      Conductor c = conductor;
      if (c != null) {
        c.crash();
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      agents.forEach(AgentRuntime::signalEnd);
      agents.forEach(a -> a.awaitStopped(deadline));
      if (tables instanceof TableRuntime t) {
        t.crash();
      }
      Replies r = replies;
      if (r != null) {
        r.stop();
      }
      services.closeTransport();
      state = State.STOPPED;
      web.close();
    }
  }

  /** @return true between start() and stop(), false as soon as a failure stops the worker */
  public boolean running() {
    return state == State.RUNNING && !failure.happened();
  }

  /** @return true once stop() began (long work such as table restores gives up) */
  public boolean stopRequested() {
    return state == State.STOPPING || state == State.STOPPED;
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
    if (failure.report(what, error, stopRequested())) {
      Thread.ofPlatform().name(settings.id() + "-fatal-stop").start(this::stop);
    }
  }

  /** @return the failure that stopped the worker, if one did */
  public Optional<Throwable> failure() {
    return failure.get();
  }

  @Override
  public void topicsChanged() {
    Conductor c = conductor;
    if (c != null) {
      c.topicsChanged();
    }
  }

  @Override
  public <V> Binding<Object, V> internalTopic(String topic, int partitions, Binding<?, V> like) {
    services.transport().ensureTopics(List.of(
        new TopicDefinition(topic, partitions, settings.topicReplicationFactor(), Map.of()),
        new TopicDefinition(services.deadLetterTopic(topic), partitions,
            settings.topicReplicationFactor(), Map.of())));
    String keySpec = services.codecs().known().contains("json") ? "json" : settings.keyCodec();
    return new Binding<>(topic, Object.class, like.valueType(), keySpec,
        services.codecs().resolve(keySpec), like.valueSpec(), services.codecs().resolve(like.valueSpec()));
  }

  @Override
  public int partitionsOf(String topic) {
    return services.transport().partitions(topic).orElse(settings.topicPartitions());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> Binding<?, V> bindingOf(Topic<?, V> topic) {
    if (topic instanceof TopicImpl<?, ?> t) {
      return ((TopicImpl<?, V>) t).binding();
    }
    return services.binding(topic.name(), topic.keyType(), topic.valueType(), topic.keyCodec(),
        topic.valueCodec());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> CompletableFuture<RecordMetadata> sendToChannel(
      Channel<V> channel, Object key, V value, Map<String, byte[]> headers) {
    try {
      if (channel instanceof ChannelImpl<V> c) {
        return c.send(key, value, headers);
      }
      if (channel instanceof Topic<?, ?> t) {
        return services.send(bindingOf((Topic<?, V>) t), key, value, headers, null);
      }
      throw new ConfigurationException("Channel '" + channel.name() + "' was not made by this app");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Replies replies() {
    Replies r = replies;
    if (r == null) {
      synchronized (lifecycle) {
        if (replies == null) {
          replies = new Replies(services);
        }
        r = replies;
      }
    }
    r.ensureStarted();
    return r;
  }

  @Override
  public <V, R> CompletableFuture<R> ask(
      AgentRuntime<V> agent, V value, Class<R> replyType, Duration timeout) {
    return replies().ask(agent.name(), replyType, timeout,
        headers -> sendToChannel(agent.channel(), null, value, headers));
  }

  @Override
  public void reply(String replyTo, byte[] correlationId, Object result) {
    Replies.reply(services, replyTopics, replyTo, correlationId, result);
  }

  @Override
  public RuntimeException refusedReplyTopic(byte[] header) {
    return Replies.refusal(settings, header);
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
    for (AgentRuntime<?> a : agents) {
      m.put(a.name(), a.channel() instanceof Topic<?, ?> ? a.topics() : List.of(a.channel().name()));
    }
    return m;
  }
}
