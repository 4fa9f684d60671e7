package dev.mephisto.core.internal.agent;

import dev.mephisto.ConfigurationException;
import dev.mephisto.KeyValue;
import dev.mephisto.OnError;
import dev.mephisto.Stream;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.Replies;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.stream.AbstractStream;
import dev.mephisto.core.internal.stream.SourceStream;
import dev.mephisto.core.internal.stream.StreamHost;
import dev.mephisto.core.internal.stream.StreamStoppedException;
import dev.mephisto.internal.Names;
import dev.mephisto.stream.StreamOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of an agent: a virtual thread running the body over this instance's share of the
 * partitions, restarting it after a failure by the agent's error policy.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class AgentInstance<K, V> implements StreamHost {
  private static final Logger log = LoggerFactory.getLogger(AgentInstance.class);

  private final AgentRuntime<K, V> agent;
  private final int index;
  private final boolean test;
  private final BlockingQueue<Object> mainQueue = new LinkedBlockingQueue<>();
  private final Map<String, BlockingQueue<Object>> queues = new ConcurrentHashMap<>();
  private final Map<BlockingQueue<Object>, SourceStream<?, ?>> readers = new ConcurrentHashMap<>();
  private final Map<String, Forwarder<?>> forwarders = new HashMap<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<SourceStream<?, ?>> bodyRoots = new ArrayList<>();
  private volatile Thread thread;
  private volatile boolean stopping;
  private volatile boolean ending;
  private volatile Consumer<Object> resultListener;
  private volatile Consumer<Throwable> failureListener;
  private Delivery lastReplied;
  private volatile SourceStream<K, V> mainSource;

  AgentInstance(AgentRuntime<K, V> agent, int index, boolean test) {
    this.agent = agent;
    this.index = index;
    this.test = test;
  }

  int index() {
    return index;
  }

  dev.mephisto.core.internal.AppServices services() {
    return agent.services();
  }

  @Override
  public String agentName() {
    return agent.name();
  }

  /** @return the records of the agent's main stream (its topic, topics or channel) */
  /**
   * @param topic a topic
   * @return true if the body joined it to the agent's own stream (its records come to the main
   *     queue as the other side)
   */
  boolean readsSide(String topic) {
    SourceStream<K, V> s = mainSource;
    return s != null && s.readsSide(topic);
  }

  BlockingQueue<Object> mainQueue() {
    return mainQueue;
  }

  /**
   * @param topic a topic the body opened (groupBy, through)
   * @return its records
   */
  BlockingQueue<Object> queue(String topic) {
    return queues.computeIfAbsent(topic, t -> new LinkedBlockingQueue<>());
  }

  void onResult(Consumer<Object> listener) {
    this.resultListener = listener;
  }

  void onFailure(Consumer<Throwable> listener) {
    this.failureListener = listener;
  }

  void start() {
    Thread t = Thread.ofVirtual().name("agent-" + agent.name() + "-" + index + (test ? "-test" : ""))
        .unstarted(this::run);
    thread = t; // before start: the body checks it to know which sources are its own
    t.start();
  }

  @Override
  public dev.mephisto.core.internal.metrics.SourceMeter sourceMeter(String topic) {
    return test ? dev.mephisto.core.internal.metrics.SourceMeter.NONE
        : services().monitor().metrics().source(agent.name(), topic);
  }

  @Override
  public void pulling() {
    // only the body's own thread: a groupBy/through forwarder pulls the agent's stream as soon
    // as it starts, while the body may still be declaring what comes after (a join's state)
    if (ready.getCount() > 0 && Thread.currentThread() == thread) {
      ready.countDown();
    }
  }

  boolean awaitReady(long deadline) {
    try {
      return ready.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void signalEnd() {
    ending = true;
    for (BlockingQueue<Object> q : queues.values()) {
      q.add(AbstractStream.END);
    }
    mainQueue.add(AbstractStream.END);
  }

  boolean awaitStopped(long deadline) {
    try {
      if (thread == null) {
        return true;
      }
      boolean done = stopped.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!done) {
        stopping = true;
        thread.interrupt();
        forwarders.values().forEach(Forwarder::interrupt);
        log.warn("Agent '{}' instance {} did not finish within the shutdown timeout; interrupted",
            agent.name(), index);
      }
      return done;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    try {
      while (!stopping) {
        bodyRoots.clear();
        AgentSource<K, V> main = agent.source();
        SourceStream<K, V> src = newSource(mainQueue, main.first(), main.lookup());
        mainSource = src;
        try {
          runBody(src);
          if (!stopping && !test) {
            log.info("Agent '{}' instance {} finished its body", agent.name(), index);
          }
          return;
        } catch (StreamStoppedException e) {
          return;
        } catch (Throwable t) {
          if (stopping) {
            return;
          }
          List<Delivery> failed = new ArrayList<>();
          bodyRoots.forEach(r -> failed.addAll(r.takePending()));
          if (!handleFailure(failed, t)) {
            return;
          }
          if (failed.isEmpty()) {
            if (ending) {
              return; // it fails before reading anything and should stop: don't retry
            }
            sleep(backoff); // a body failing before it reads anything must not spin
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
          }
          agent.logRestart(this, t);
        }
      }
    } finally {
      EventContext.clear();
      ready.countDown();
      stopped.countDown();
    }
  }

  private void runBody(SourceStream<K, V> src) {
    Consumer<Stream<K, V>> loop = agent.loopBody();
    if (loop != null) {
      loop.accept(src);
      return;
    }
    Function<Stream<K, V>, ? extends Stream<?, ?>> fn = agent.processBody();
    Stream<?, ?> out = fn.apply(src);
    SourceStream<?, ?> root = out instanceof AbstractStream<?, ?> a ? a.root() : src;
    for (Object result : out) {
      emit(result, root);
    }
  }

  private void emit(Object result, SourceStream<?, ?> root) {
    Delivery current = root.currentDelivery();
    if (!agent.sinks().isEmpty()) {
      // results keep the key of the event that produced them; a KeyValue result sets its own
      Object key = result instanceof KeyValue<?, ?> kv ? kv.key() : root.currentKey();
      Object value = result instanceof KeyValue<?, ?> kv ? kv.value() : result;
      for (Sink sink : agent.sinks()) {
        sink.accept(agent.app(), agent.name(), key, value, result);
      }
    }
    Consumer<Object> l = resultListener;
    if (l != null) {
      l.accept(result);
    }
    if (current != null && current != lastReplied) {
      Header replyTo = current.record().headers().lastHeader(Replies.REPLY_TO);
      Header corr = current.record().headers().lastHeader(Replies.CORRELATION_ID);
      if (replyTo != null && corr != null) {
        lastReplied = current;
        agent.app().reply(new String(replyTo.value(), java.nio.charset.StandardCharsets.UTF_8),
            corr.value(), result);
      }
    }
  }

  private <A, B> SourceStream<A, B> newSource(BlockingQueue<Object> queue, Binding<A, B> b,
      Function<String, Binding<A, B>> lookup) {
    SourceStream<A, B> s = new SourceStream<>(queue, b, lookup, this, agent.services().gate());
    // a restarted body reads on where the previous stream of this queue stopped (the rest of
    // the partition's run it held)
    SourceStream<?, ?> previous = readers.put(queue, s);
    if (previous != null) {
      s.takeOver(previous);
    }
    if (thread == Thread.currentThread()) {
      bodyRoots.add(s);
    }
    return s;
  }

  /**
   * Applies the error policy to the records a failure interrupted.
   *
   * @return false if the instance must stop
   */
  boolean handleFailure(List<Delivery> failed, Throwable t) {
    Consumer<Throwable> fl = failureListener;
    if (fl != null) {
      fl.accept(t); // before the ack: the test's put() must see the failure, not a success
      failed.forEach(Delivery::ack);
      return true;
    }
    String where = failed.isEmpty() ? "outside any record"
        : failed.stream().map(d -> coordinates(d.record())).toList().toString();
    OnError policy = agent.onError();
    boolean configuration = configurationError(t);
    if (policy == OnError.STOP || configuration) {
      // the worker stops without acknowledging them: one ERROR line, from fatal(); a
      // configuration error (an illegal groupBy name, a groupBy of mapped values whose class
      // withValueType did not declare) stops it whatever the policy, as retrying or
      // dead-lettering cannot help
      agent.app().fatal("Agent '" + agent.name() + "' instance " + index + " on " + where
          + (configuration ? "" : " (policy STOP)"), t);
      return false;
    }
    log.error("Agent '{}' instance {} failed on {} (policy {})", agent.name(), index, where, policy, t);
    switch (policy) {
      case SKIP -> failed.forEach(Delivery::ack);
      case DEAD_LETTER -> {
        try {
          for (Delivery d : failed) {
            agent.services().deadLetter(d, agent.name(), t);
            d.ack();
          }
        } catch (RuntimeException e) {
          agent.app().fatal("Dead-lettering for agent '" + agent.name() + "'", e);
          return false;
        }
      }
      default -> throw new IllegalStateException("unknown policy " + policy);
    }
    return true;
  }

  @Override
  public boolean outputFailed(List<Delivery> inputs, Throwable error) {
    Consumer<Throwable> fl = failureListener;
    if (fl != null) {
      fl.accept(error);
      return true;
    }
    String where = inputs.stream().map(d -> coordinates(d.record())).toList().toString();
    OnError policy = agent.onError();
    if (policy == OnError.STOP) {
      // not released: the offset tracker never passes these records, so nothing past them is
      // committed and the next holder of the partition processes them again
      agent.app().fatal("An output of agent '" + agent.name() + "' instance " + index + " for "
          + where + " (policy STOP)", error);
      return false;
    }
    log.error("An output of agent '{}' instance {} for {} failed (policy {}): {}", agent.name(),
        index, where, policy, error.getMessage(), error);
    if (policy == OnError.SKIP) {
      return true;
    }
    try {
      for (Delivery d : inputs) {
        agent.services().deadLetter(d, agent.name(), error);
      }
      return true;
    } catch (RuntimeException e) {
      agent.app().fatal("Dead-lettering for agent '" + agent.name() + "'", e);
      return false;
    }
  }

  /** A configuration error, also wrapped (a table's partition-count mismatch in a write). */
  private static boolean configurationError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConfigurationException) {
        return true;
      }
    }
    return false;
  }

  private static String coordinates(ConsumerRecord<byte[], byte[]> r) {
    return "topic '" + r.topic() + "' partition " + r.partition() + " offset " + r.offset();
  }

  @Override
  public void undecodable(Delivery d, RuntimeException error) {
    Consumer<Throwable> fl = failureListener;
    if (fl != null) {
      fl.accept(error);
      d.ack();
      return;
    }
    switch (agent.onError()) {
      case STOP -> {
        agent.app().fatal("Agent '" + agent.name() + "' (policy STOP)", error);
        throw new StreamStoppedException();
      }
      case SKIP -> {
        log.error("Agent '{}' skips an undecodable record: {}", agent.name(), error.getMessage());
        d.ack();
      }
      case DEAD_LETTER -> {
        try {
          agent.services().deadLetter(d, agent.name(), error);
        } catch (RuntimeException e) {
          agent.app().fatal("Dead-lettering for agent '" + agent.name() + "'", e);
          throw new StreamStoppedException();
        }
        d.ack();
      }
      default -> throw new IllegalStateException("unknown policy " + agent.onError());
    }
  }

  @Override
  public RuntimeException refuses(Delivery d) {
    if (agent.processBody() == null || d.decoded()) {
      return null; // only process agents reply
    }
    Header replyTo = d.record().headers().lastHeader(Replies.REPLY_TO);
    return replyTo == null ? null : agent.app().refusedReplyTopic(replyTo.value());
  }

  @Override
  public boolean ending() {
    return ending || stopping;
  }

  @Override
  public void fatal(String what, Throwable error) {
    agent.app().fatal(what + " for agent '" + agent.name() + "'", error);
  }

  @Override
  public <A, B> AbstractStream<A, B> repartition(AbstractStream<?, B> upstream,
      Function<? super B, ? extends A> keyFn, Class<A> keyType, String name) {
    Binding<?, ?> source = upstream.root().binding();
    Class<B> valueType = upstream.valueType();
    String topic = agent.app().appId() + "-" + agent.name() + "-" + name + "-repartition";
    Names.checkTopic("Repartition topic of groupBy '" + name + "' in agent '" + agent.name() + "'",
        topic, "give the groupBy (or the agent) a shorter name of letters, digits, '.', '_', '-'");
    Names.checkTopic("Dead-letter topic of groupBy '" + name + "' in agent '" + agent.name() + "'",
        agent.services().deadLetterTopic(topic), "give the groupBy (or the agent) a shorter name");
    // keys: the source's codec when the key type stays, else the type's default codec;
    // values: forwarded as they are when unchanged, else in their class's codec
    String keySpec = keyType == source.keyType() ? source.keySpec()
        : agent.services().keySpecFor(keyType, Optional.empty());
    String valueSpec = upstream.sourceValues() ? source.valueSpec()
        : agent.services().valueSpecFor(valueType, Optional.empty());
    Binding<A, B> rb;
    synchronized (forwarders) {
      Forwarder<?> existing = forwarders.get(name);
      if (existing == null) {
        // a test context has no broker: its forwarder hands the re-keyed values over in memory
        rb = test ? agent.services().binding(topic, keyType, valueType, Optional.of(keySpec),
            Optional.of(valueSpec))
            : agent.app().internalTopic(topic, agent.partitionsOf(source), keyType, keySpec,
                valueType, valueSpec);
        Forwarder<B> f = new Forwarder<>(this, upstream, rb, keyFn, true,
            test ? queue(rb.topic()) : null);
        bodyRoots.remove(upstream.root()); // the forwarder's thread owns that source now
        forwarders.put(name, f);
        if (!test) {
          agent.addTopic(rb);
        }
        f.start();
      } else {
        rb = sameTypes(existing.target(), keyType, valueType, name);
      }
    }
    return newSource(queue(rb.topic()), rb, null);
  }

  /** A body restarted after a failure asks for the same repartition again: same types. */
  @SuppressWarnings("unchecked")
  private static <A, B> Binding<A, B> sameTypes(Binding<?, ?> b, Class<A> keyType,
      Class<B> valueType, String name) {
    if (b.keyType() != keyType || b.valueType() != valueType) {
      throw new ConfigurationException("groupBy '" + name + "' was declared twice in one agent, "
          + "with keys " + b.keyType().getName() + " and " + keyType.getName() + ", values "
          + b.valueType().getName() + " and " + valueType.getName() + "; give each its own name");
    }
    return (Binding<A, B>) b; // checked just above: the classes are the declared ones
  }

  @Override
  public <A, B> AbstractStream<A, B> through(AbstractStream<A, B> upstream, Topic<A, B> topic) {
    if (test) {
      return upstream;
    }
    Binding<A, B> tb = agent.app().bindingOf(topic);
    synchronized (forwarders) {
      if (!forwarders.containsKey("through:" + topic.name())) {
        Forwarder<B> f = new Forwarder<>(this, upstream, tb, null, false, null);
        bodyRoots.remove(upstream.root());
        forwarders.put("through:" + topic.name(), f);
        agent.addTopic(tb);
        f.start();
      }
    }
    return newSource(queue(tb.topic()), tb, null);
  }

  @Override
  public void echo(Topic<?, ?> topic, Object value, SourceStream<?, ?> source) {
    Binding<?, ?> tb = agent.app().bindingOf(topic);
    agent.services().sendRaw(tb.topic(), null, source.keyBytesFor(tb), tb.encodeValue(value),
        null, source.currentKey(), value);
  }

  @Override
  public <A, B, C, R> AbstractStream<A, R> streamJoin(AbstractStream<A, B> upstream,
      Topic<A, C> other, dev.mephisto.JoinWindow window,
      java.util.function.BiFunction<? super B, ? super C, ? extends R> joiner, String name,
      dev.mephisto.core.internal.stream.StreamJoinType type) {
    return StreamJoins.open(this, agent, upstream, other, window, joiner, name, type,
        mainSource, test);
  }

  @Override
  public int partitionsOf(String topic) {
    return test ? -1 : agent.app().partitionsOf(topic);
  }

  @Override
  public dev.mephisto.App app() {
    return agent.app().app();
  }

  @Override
  public Optional<dev.mephisto.core.internal.table.StateTables> states() {
    return agent.app().tableRuntime().map(dev.mephisto.core.internal.table.TableRuntime::states);
  }

  @Override
  public StreamOperator operator(String name) {
    return agent.services().operators().get(name);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "agent '" + agent.name() + "' instance " + index;
  }
}
