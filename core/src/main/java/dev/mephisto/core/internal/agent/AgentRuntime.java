package dev.mephisto.core.internal.agent;

import dev.mephisto.AgentTestContext;
import dev.mephisto.Channel;
import dev.mephisto.ConfigurationException;
import dev.mephisto.OnError;
import dev.mephisto.RecordMetadata;
import dev.mephisto.Stream;
import dev.mephisto.core.internal.AppServices;
import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.offsets.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One declared agent: its body, options and instances, and the topics it consumes (its channel
 * plus the repartition and through topics its body opened).
 *
 * @param <K> the key type of what it consumes
 * @param <V> the type of values it consumes
 */
public final class AgentRuntime<K, V> implements dev.mephisto.Agent<K, V> {
  private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);

  private final AgentHost app;
  private final String name;
  private final AgentSource<K, V> source;
  private final List<Sink> sinks;
  private final OnError onError;
  private final Consumer<Stream<K, V>> loopBody;
  private final Function<Stream<K, V>, ? extends Stream<?, ?>> processBody;
  private final List<AgentInstance<K, V>> instances;
  private final java.util.concurrent.atomic.AtomicLong channelTurn =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<String, Binding<?, ?>> extraTopics = new LinkedHashMap<>();
  /**
   * The other sides of stream–stream joins: each topic to the topic whose stream it joins
   * (its records go to that stream's queue), or to "" for the agent's own stream.
   */
  private final Map<String, String> sideTopics = new java.util.concurrent.ConcurrentHashMap<>();

  AgentRuntime(AgentHost app, String name, AgentSource<K, V> source, int concurrency, List<Sink> sinks, OnError onError, Consumer<Stream<K, V>> loopBody,
      Function<Stream<K, V>, ? extends Stream<?, ?>> processBody) {
    this.app = app;
    this.name = name;
    this.source = source;
    this.sinks = List.copyOf(sinks);
    this.onError = onError;
    this.loopBody = loopBody;
    this.processBody = processBody;
    List<AgentInstance<K, V>> list = new ArrayList<>(concurrency);
    for (int i = 0; i < concurrency; i++) {
      list.add(new AgentInstance<>(this, i, false));
    }
    this.instances = List.copyOf(list);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Channel<K, V>> channel() {
    return source.channel();
  }

  /** @return what it consumes */
  public AgentSource<K, V> source() {
    return source;
  }

  /** @return the name of what it consumes, for messages and test contexts */
  public String sourceName() {
    return source.name();
  }

  /** @return true when it consumes Kafka topics (not an in-memory channel) */
  public boolean readsTopics() {
    return source.readsTopics();
  }

  AgentHost app() {
    return app;
  }

  AppServices services() {
    return app.services();
  }


  List<Sink> sinks() {
    return sinks;
  }

  OnError onError() {
    return onError;
  }

  Consumer<Stream<K, V>> loopBody() {
    return loopBody;
  }

  Function<Stream<K, V>, ? extends Stream<?, ?>> processBody() {
    return processBody;
  }

  /** @return how many instances run */
  public int concurrency() {
    return instances.size();
  }

  /** @return the Kafka topics this agent consumes now */
  public synchronized Set<String> topics() {
    Set<String> s = new LinkedHashSet<>(source.topics());
    s.addAll(extraTopics.keySet());
    return s;
  }

  /**
   * Registers the other side of a stream–stream join: its records join those of the stream
   * read from {@code joined}.
   *
   * @param b the topic's binding
   * @param joined the topic of the joined stream (repartition or through), or null for the
   *     agent's own stream
   */
  void addSideTopic(Binding<?, ?> b, String joined) {
    String target = joined == null ? "" : joined;
    String was = sideTopics.putIfAbsent(b.topic(), target);
    if (was != null && !was.equals(target)) {
      throw new ConfigurationException("Agent '" + name + "' joins topic '" + b.topic()
          + "' with two streams ('" + (was.isEmpty() ? "its own" : was) + "' and '"
          + (target.isEmpty() ? "its own" : target) + "'); an agent joins a topic with one "
          + "stream only: join it in another agent");
    }
    addTopic(b);
  }

  /**
   * Registers a topic the body opened (groupBy, through); the worker subscribes to it.
   *
   * @param b the topic's binding
   */
  synchronized void addTopic(Binding<?, ?> b) {
    if (extraTopics.putIfAbsent(b.topic(), b) == null) {
      app.topicsChanged();
    }
  }

  /**
   * Hands a record to the instance that owns its partition. A value of an in-memory channel (one
   * partition) goes to the instance of its key's hash, so one key's values stay in order, or,
   * without a key, to the next instance in turn: {@code concurrency(n)} on a channel runs n.
   *
   * @param d the record
   */
  public void deliver(Delivery d) {
    queueOf(d).add(d);
  }

  /**
   * Hands a run of records of one partition to the instance that owns it, in one queue
   * operation (the poll loop's hand-off per poll batch and partition).
   *
   * @param run records of one topic partition, in offset order; not modified afterwards
   */
  public void deliverRun(Delivery[] run) {
    queueOf(run[0]).add(run);
  }

  private java.util.concurrent.BlockingQueue<Object> queueOf(Delivery d) {
    String topic = d.record().topic();
    int n = instances.size();
    int slot;
    if (n == 1) {
      slot = 0;
    } else if (d.decoded() && d.record().partition() == 0) {
      Object key = d.keyObject();
      slot = key != null ? Math.floorMod(key.hashCode(), n)
          : (int) Math.floorMod(channelTurn.getAndIncrement(), (long) n);
    } else {
      slot = Math.floorMod(d.record().partition(), n);
    }
    AgentInstance<K, V> i = instances.get(slot);
    String joined = sideTopics.isEmpty() ? null : sideTopics.get(topic);
    if (source.owns(topic) || "".equals(joined)) {
      return i.mainQueue();
    }
    return i.queue(joined != null ? joined : topic);
  }

  /**
   * @param b the binding of a stream's source
   * @return the partition count a repartition of that stream gets: that of the agent's topics
   *     (the largest of several) for its main stream, else that of the topic
   */
  int partitionsOf(Binding<?, ?> b) {
    if (b != source.first()) {
      return app.partitionsOf(b.topic());
    }
    return source.topics().stream().mapToInt(app::partitionsOf).max()
        .orElse(services().settings().topicPartitions());
  }

  /** @return the names of the topics its body opened (groupBy, through) */
  public synchronized Set<String> openedTopics() {
    return Set.copyOf(extraTopics.keySet());
  }

  /** Starts every instance on its own virtual thread. */
  public void start() {
    for (AgentInstance<K, V> i : instances) {
      i.start();
    }
  }

  /**
   * Waits until every instance asked for its first record (its body opened all its topics).
   *
   * @param timeout longest wait
   * @return true if all are ready
   */
  public boolean awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (AgentInstance<K, V> i : instances) {
      if (!i.awaitReady(deadline)) {
        return false;
      }
    }
    return true;
  }

  /** Lets instances finish what is queued, then stop. */
  public void signalEnd() {
    for (AgentInstance<K, V> i : instances) {
      i.signalEnd();
    }
  }

  /**
   * @param deadline {@link System#nanoTime()} to give up at; then instances are interrupted
   * @return true if all ended in time
   */
  public boolean awaitStopped(long deadline) {
    boolean all = true;
    for (AgentInstance<K, V> i : instances) {
      all &= i.awaitStopped(deadline);
    }
    return all;
  }

  @Override
  public CompletableFuture<RecordMetadata> send(K key, V value) {
    return source.channel().map(c -> app.sendToChannel(c, key, value, Map.of()))
        .orElseGet(() -> CompletableFuture.failedFuture(new ConfigurationException("Agent '"
            + name + "' reads " + source.name() + ": it has no topic to send to; send to one of "
            + "the matching topics instead")));
  }

  @Override
  public CompletableFuture<RecordMetadata> cast(V value) {
    return send(null, value);
  }

  @Override
  public <R> CompletableFuture<R> ask(V value, Class<R> replyType, Duration timeout) {
    if (processBody == null) {
      return CompletableFuture.failedFuture(new ConfigurationException("Agent '" + name
          + "' cannot answer ask(): its body is a loop; declare it with process(...) so that "
          + "its results become replies"));
    }
    return app.ask(this, value, replyType, timeout);
  }

  @Override
  public AgentTestContext<K, V> testContext() {
    return new TestContext<>(this);
  }

  /** @return a new instance outside the worker, for a test context */
  AgentInstance<K, V> testInstance() {
    return new AgentInstance<>(this, 0, true);
  }

  /**
   * @param topic a topic this agent consumes
   * @return its binding
   */
  synchronized Optional<Binding<?, ?>> bindingOf(String topic) {
    if (source.owns(topic)) {
      return Optional.of(source.binding(topic));
    }
    return Optional.ofNullable(extraTopics.get(topic));
  }

  /** @return the names of the instances' threads, for logs */
  List<String> instanceNames() {
    List<String> names = new ArrayList<>();
    for (AgentInstance<K, V> i : instances) {
      names.add(i.toString());
    }
    return names;
  }

  void logRestart(AgentInstance<K, V> i, Throwable t) {
    log.warn("Agent '{}' instance {} restarts after: {}", name, i.index(), t.toString());
  }
}
