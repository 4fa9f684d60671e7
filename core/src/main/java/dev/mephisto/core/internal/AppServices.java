package dev.mephisto.core.internal;

import dev.mephisto.AppSettings;
import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Event;
import dev.mephisto.MephistoException;
import dev.mephisto.Model;
import dev.mephisto.RecordMetadata;
import dev.mephisto.codec.Codecs;
import dev.mephisto.internal.ModelFields;
import dev.mephisto.core.internal.assign.ClusterState;
import dev.mephisto.core.internal.metrics.Lifecycle;
import dev.mephisto.core.internal.metrics.WorkerMetrics;
import dev.mephisto.core.internal.metrics.WorkerMonitor;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.transport.KafkaTransport;
import dev.mephisto.core.internal.transport.MemoryTransport;
import dev.mephisto.core.internal.transport.Transport;
import dev.mephisto.stream.StreamOperators;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of one app shares: settings, codecs, the transport, sending (with the
 * exactly-once lock and test listeners), and dead-lettering.
 */
public final class AppServices {
  private static final Logger log = LoggerFactory.getLogger(AppServices.class);
  /** Header prefix of the error details on dead-lettered records. */
  public static final String DLQ_HEADER = "mephisto.dlq.";
  /** Header of a dead-letter record whose value was cut to fit: the original length in bytes. */
  public static final String TRUNCATED_HEADER = DLQ_HEADER + "value-truncated";
  private static final int DLQ_ATTEMPTS = 5;

  private final AppSettings settings;
  private final Codecs codecs;
  private final StreamOperators operators;
  private final CommitGate gate;
  private final ReentrantReadWriteLock sendLock = new ReentrantReadWriteLock();
  private final List<Consumer<Event<Object, Object>>> sendListeners = new CopyOnWriteArrayList<>();
  // test contexts' listeners swap in another observer: the production send path never looks at
  // the listener list
  private volatile SendObserver observer;
  private final ClusterState cluster;
  private final WorkerMonitor monitor;
  private volatile Transport transport;
  private final boolean exactlyOnce;
  private static final ThreadLocal<Object> OUTSIDE = new ThreadLocal<>();

  /** @param settings the app's settings */
  public AppServices(AppSettings settings) {
    this.settings = settings;
    this.exactlyOnce = settings.processingGuarantee() == dev.mephisto.ProcessingGuarantee.EXACTLY_ONCE;
    // at-least-once commits never close it: agents skip the exactly-once cut bookkeeping
    this.gate = exactlyOnce ? new CommitGate() : CommitGate.neverClosing();
    this.codecs = Codecs.create(settings.codecs(), settings.codecConfig());
    this.operators = StreamOperators.create(settings.operators());
    this.cluster = new ClusterState(settings.id() + "-__leader", settings.webHost(),
        settings.webPort());
    WorkerMetrics metrics = new WorkerMetrics(settings);
    this.monitor = new WorkerMonitor(settings, metrics, new Lifecycle(metrics, settings.listeners()));
    this.observer = metricsOnly();
  }

  /** @return the worker's metrics, state and health */
  public WorkerMonitor monitor() {
    return monitor;
  }

  /** @return the settings */
  public AppSettings settings() {
    return settings;
  }

  /** @return the app's codec resolver */
  public Codecs codecs() {
    return codecs;
  }

  /** @return the app's stream operators */
  public StreamOperators operators() {
    return operators;
  }

  /** @return what this worker knows about its group: assignment, workers, addresses */
  public ClusterState cluster() {
    return cluster;
  }

  /** @return the gate exactly-once commits close between records */
  public CommitGate gate() {
    return gate;
  }

  /** @return the lock transactional sends hold shared and exactly-once commits hold exclusively */
  public ReentrantReadWriteLock sendLock() {
    return sendLock;
  }

  /** @return the transport, created on first use */
  public Transport transport() {
    Transport t = transport;
    if (t == null) {
      synchronized (this) {
        if (transport == null) {
          transport = settings.inMemory() ? new MemoryTransport(settings) : new KafkaTransport(settings, cluster);
        }
        t = transport;
      }
    }
    return t;
  }

  /** Closes the transport if it was created. */
  public void closeTransport() {
    Transport t = transport;
    if (t != null) {
      t.close();
    }
  }

  /**
   * The value codec of a type: {@code @Model(serializer)}, else the topic's, else the app's.
   *
   * @param type the value type
   * @param topicSpec the topic's value codec, if set
   * @return a codec chain spec
   */
  public String valueSpecFor(Class<?> type, Optional<String> topicSpec) {
    Model m = type.getAnnotation(Model.class);
    if (m != null && !m.serializer().isEmpty()) {
      return m.serializer();
    }
    return topicSpec.orElse(settings.valueCodec());
  }

  /**
   * The key codec of a type: the topic's, else the app's for text and bytes (Faust's {@code raw}),
   * else {@code json} so numbers and records work as keys without configuration.
   *
   * @param type the key type
   * @param topicSpec the topic's key codec, if set
   * @return a codec chain spec
   */
  public String keySpecFor(Class<?> type, Optional<String> topicSpec) {
    if (topicSpec.isPresent()) {
      return topicSpec.get();
    }
    boolean rawLike = type == String.class || type == byte[].class || type == ByteBuffer.class
        || type == Object.class;
    if (rawLike || !codecs.known().contains("json")) {
      return settings.keyCodec();
    }
    return "json";
  }

  /**
   * @param topic topic name
   * @param keyType key type
   * @param valueType value type
   * @param keySpec the topic's key codec, if set
   * @param valueSpec the topic's value codec, if set
   * @return the binding, codecs resolved (unknown names fail now)
   * @param <K> key type
   * @param <V> value type
   */
  public <K, V> Binding<K, V> binding(String topic, Class<K> keyType, Class<V> valueType,
      Optional<String> keySpec, Optional<String> valueSpec) {
    checkModel(keyType);
    checkModel(valueType);
    String k = keySpecFor(keyType, keySpec);
    String v = valueSpecFor(valueType, valueSpec);
    return new Binding<>(topic, keyType, valueType, k, codecs.resolve(k), v, codecs.resolve(v));
  }

  /** A wrong {@code @FieldDefault} of a model fails when its topic is declared, not per message. */
  private static void checkModel(Class<?> type) {
    try {
      ModelFields.check(type);
    } catch (CodecException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /**
   * Encodes and sends.
   *
   * @param b the topic's binding
   * @param key key, may be null
   * @param value value, may be null
   * @param headers headers, may be empty
   * @param partition partition, or null for the key's hash
   * @return the broker's ack
   */
  public CompletableFuture<RecordMetadata> send(
      Binding<?, ?> b, Object key, Object value, Map<String, byte[]> headers, Integer partition) {
    Headers h = null;
    if (!headers.isEmpty()) {
      h = new RecordHeaders();
      for (var e : headers.entrySet()) {
        h.add(e.getKey(), e.getValue());
      }
    }
    return send(b, key, value, h, partition, null);
  }

  /**
   * Encodes and sends, with headers and a timestamp.
   *
   * @param b the topic's binding
   * @param key key, may be null
   * @param value value, may be null
   * @param headers headers, or null
   * @param partition partition, or null for the key's hash
   * @param timestamp epoch milliseconds, or null for now
   * @return the broker's ack
   */
  public CompletableFuture<RecordMetadata> send(Binding<?, ?> b, Object key, Object value,
      Headers headers, Integer partition, Long timestamp) {
    byte[] k = b.encodeKey(key);
    byte[] v = b.encodeValue(value);
    return sendRaw(b.topic(), partition, k, v, headers, key, value, timestamp);
  }

  /**
   * Sends bytes as they are.
   *
   * @param topic topic
   * @param partition partition or null
   * @param key key bytes
   * @param value value bytes
   * @param headers headers or null
   * @param keyObject the key before encoding, for test listeners (may be null)
   * @param valueObject the value before encoding, for test listeners (may be null)
   * @return the broker's ack
   */
  public CompletableFuture<RecordMetadata> sendRaw(String topic, Integer partition, byte[] key,
      byte[] value, Headers headers, Object keyObject, Object valueObject) {
    return sendRaw(topic, partition, key, value, headers, keyObject, valueObject, null);
  }

  /**
   * Sends bytes as they are, with a timestamp.
   *
   * @param topic topic
   * @param partition partition or null
   * @param key key bytes
   * @param value value bytes
   * @param headers headers or null
   * @param keyObject the key before encoding, for test listeners (may be null)
   * @param valueObject the value before encoding, for test listeners (may be null)
   * @param timestamp epoch milliseconds, or null for now
   * @return the broker's ack
   */
  public CompletableFuture<RecordMetadata> sendRaw(String topic, Integer partition, byte[] key,
      byte[] value, Headers headers, Object keyObject, Object valueObject, Long timestamp) {
    observe(topic, partition, keyObject, valueObject);
    // Outputs.track: the records being processed on this thread are acknowledged only once the
    // output is stored, and follow their agent's error policy if it fails
    if (!exactlyOnce) {
      return Outputs.track(topic,
          transport().send(topic, partition, key, value, headers, timestamp));
    }
    if (EventContext.current() == null || OUTSIDE.get() != null) {
      // a timer, a task, another thread, an ask: not part of any record's processing
      return transport().sendOutsideTransaction(topic, partition, key, value, headers, timestamp);
    }
    return Outputs.track(topic, sendLocked(topic, partition, key, value, headers, timestamp));
  }

  private void observe(String topic, Integer partition, Object keyObject, Object valueObject) {
    observer.sent(topic, partition, keyObject, valueObject);
  }

  /** What a send tells: the metrics, and test contexts' listeners only while there are some. */
  private interface SendObserver {
    void sent(String topic, Integer partition, Object keyObject, Object valueObject);
  }

  /** The production path: metrics only, no look at test listeners. */
  private SendObserver metricsOnly() {
    return (topic, partition, k, v) -> monitor.metrics().sent(topic);
  }

  /** Installed while a test context listens. */
  private SendObserver withListeners() {
    return (topic, partition, k, v) -> {
      Event<Object, Object> e = new Event<>(k, v, Map.of(), topic,
          partition == null ? -1 : partition, -1, Instant.now());
      sendListeners.forEach(l -> l.accept(e));
      monitor.metrics().sent(topic);
    };
  }

  /**
   * Sends bytes in the worker's transaction under exactly-once (changelog writes, whichever
   * thread flushes them), else as any send.
   *
   * @param topic topic
   * @param partition partition or null
   * @param key key bytes
   * @param value value bytes
   * @param headers headers or null
   * @param timestamp epoch milliseconds, or null for now
   * @return the broker's ack
   */
  public CompletableFuture<RecordMetadata> sendInTransaction(String topic, Integer partition,
      byte[] key, byte[] value, Headers headers, Long timestamp) {
    observe(topic, partition, null, null);
    if (!exactlyOnce) {
      return transport().send(topic, partition, key, value, headers, timestamp);
    }
    return sendLocked(topic, partition, key, value, headers, timestamp);
  }

  private CompletableFuture<RecordMetadata> sendLocked(String topic, Integer partition,
      byte[] key, byte[] value, Headers headers, Long timestamp) {
    // the commit takes the write lock: a send is in the transaction it commits or the next
    ReentrantReadWriteLock.ReadLock l = sendLock.readLock();
    l.lock();
    try {
      return transport().send(topic, partition, key, value, headers, timestamp);
    } finally {
      l.unlock();
    }
  }

  /**
   * Runs {@code action} with its sends outside the worker's transaction, also on a thread that
   * is processing a record (the request of an {@code ask}: the asked agent must see it now, not
   * after the asker's commit).
   *
   * @param action sends
   * @return what {@code action} returned
   * @param <T> its type
   */
  public static <T> T outsideTransaction(java.util.function.Supplier<T> action) {
    Object before = OUTSIDE.get();
    OUTSIDE.set(Boolean.TRUE);
    try {
      return action.get();
    } finally {
      if (before == null) {
        OUTSIDE.remove();
      }
    }
  }

  /** @param listener told about every send (test contexts) */
  public void addSendListener(Consumer<Event<Object, Object>> listener) {
    synchronized (sendListeners) { // nothing blocks in here
      sendListeners.add(listener);
      observer = withListeners();
    }
  }

  /** @param listener no longer told */
  public void removeSendListener(Consumer<Event<Object, Object>> listener) {
    synchronized (sendListeners) {
      sendListeners.remove(listener);
      observer = sendListeners.isEmpty() ? metricsOnly() : withListeners();
    }
  }

  /**
   * @param topic a source topic
   * @return its dead-letter topic
   */
  public String deadLetterTopic(String topic) {
    return topic + settings.deadLetterSuffix();
  }

  /**
   * Sends a record with its original bytes and headers plus the error to the dead-letter topic of
   * its source, and waits until the broker stored it. Retries a few times; then throws so that the
   * record is not acknowledged (nothing is lost).
   *
   * <p>Headers of the original named {@code mephisto.dlq.*} are renamed {@code
   * mephisto.dlq.original.*} first, so that a producer cannot forge the real ones. A record the
   * broker refuses as too large is sent again with its value cut (halved until it fits; header
   * {@value #TRUNCATED_HEADER} holds the original length), then also without its key and original
   * headers: a record near the size limit never stops the worker for good.
   *
   * @param d the record
   * @param agent the agent that failed on it
   * @param error what went wrong
   */
  public void deadLetter(Delivery d, String agent, Throwable error) {
    ConsumerRecord<byte[], byte[]> r = d.record();
    if (d.decoded()) {
      log.error("Agent '{}' failed on a value of channel '{}'; in-memory channels have no "
          + "dead-letter topic, the value is dropped: {}", agent, r.topic(), d.valueObject(), error);
      return;
    }
    String dlq = deadLetterTopic(r.topic());
    DeadLetter letter = new DeadLetter(r, agent, error);
    Exception last = null;
    for (int attempt = 1; attempt <= DLQ_ATTEMPTS; ) {
      try {
        DeadLetter.Shape shape = letter.shape();
        transport().send(dlq, null, shape.key(), shape.value(), shape.headers())
            .get(30, TimeUnit.SECONDS);
        monitor.metrics().deadLettered(r.topic(), error);
        log.warn("Sent {} of {} to dead-letter topic '{}' (agent '{}'){}: {}",
            "offset " + r.offset(), "topic '" + r.topic() + "' partition " + r.partition(), dlq,
            agent, letter.cutNote(), Failures.describe(error));
        return;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RecordTooLargeException && letter.shrink()) {
          log.debug("Dead-letter record of topic '{}' partition {} offset {} is too large for "
              + "'{}'; cutting it: {}", r.topic(), r.partition(), r.offset(), dlq, letter.cutNote());
          continue; // not a failed attempt: the next shape is smaller
        }
        last = e;
      } catch (TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MephistoException("Interrupted while dead-lettering topic '" + r.topic()
            + "' partition " + r.partition() + " offset " + r.offset(), e);
      }
      log.warn("Attempt {} of {} to dead-letter topic '{}' partition {} offset {} failed: {}",
          attempt, DLQ_ATTEMPTS, r.topic(), r.partition(), r.offset(), last.toString());
      sleepQuietly(Duration.ofMillis(200L * attempt));
      attempt++;
    }
    throw new MephistoException("Could not send topic '" + r.topic() + "' partition "
        + r.partition() + " offset " + r.offset() + " to dead-letter topic '" + dlq + "' after "
        + DLQ_ATTEMPTS + " attempts; it is not acknowledged", last);
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
