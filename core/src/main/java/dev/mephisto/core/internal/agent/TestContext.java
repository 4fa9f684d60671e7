package dev.mephisto.core.internal.agent;

import dev.mephisto.AgentTestContext;
import dev.mephisto.Event;
import dev.mephisto.MephistoException;
import dev.mephisto.TestMessage;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.offsets.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Faust's {@code test_context()}: one extra instance of the agent fed by {@link #put}. */
final class TestContext<K, V> implements AgentTestContext<K, V> {
  private static final Duration PUT_TIMEOUT = Duration.ofSeconds(30);

  private final AgentRuntime<K, V> agent;
  private final AgentInstance<K, V> instance;
  private final List<Object> results = new CopyOnWriteArrayList<>();
  private final List<Event<Object, Object>> sent = new CopyOnWriteArrayList<>();
  private final Consumer<Event<Object, Object>> sendListener = sent::add;
  private final AtomicLong offsets = new AtomicLong();
  private volatile CompletableFuture<Void> inFlight;

  TestContext(AgentRuntime<K, V> agent) {
    this.agent = agent;
    this.instance = agent.testInstance();
    instance.onResult(results::add);
    instance.onFailure(t -> {
      CompletableFuture<Void> f = inFlight;
      if (f != null) {
        f.completeExceptionally(t);
      }
    });
    agent.services().addSendListener(sendListener);
    instance.start();
  }

  @Override
  public Event<K, V> put(V value) {
    return put(null, value);
  }

  @Override
  public Event<K, V> put(K key, V value) {
    return put(agent.sourceName(), key, value, 0, System.currentTimeMillis(),
        new RecordHeaders());
  }

  @Override
  public TestMessage<K, V> message(V value) {
    return new Message<>(null, value);
  }

  @Override
  public <V2> TestMessage<K, V2> message(Topic<K, V2> topic, V2 value) {
    return new Message<>(java.util.Objects.requireNonNull(topic, "topic").name(), value);
  }

  /** A message of the agent's own topic ({@code topic == null}) or of a joined one. */
  private final class Message<T> implements TestMessage<K, T> {
    private final String topic;
    private final T value;
    private K key;
    private int partition;
    private Long timestamp;
    private final RecordHeaders headers = new RecordHeaders();

    Message(String topic, T value) {
      this.topic = topic;
      this.value = value;
    }

    @Override
    public TestMessage<K, T> key(K k) {
      this.key = k;
      return this;
    }

    @Override
    public TestMessage<K, T> partition(int p) {
      if (p < 0) {
        throw new IllegalArgumentException("partition was '" + p + "' but it should be >= 0");
      }
      this.partition = p;
      return this;
    }

    @Override
    public TestMessage<K, T> timestamp(Instant t) {
      this.timestamp = java.util.Objects.requireNonNull(t, "timestamp").toEpochMilli();
      return this;
    }

    @Override
    public TestMessage<K, T> header(String name, byte[] v) {
      headers.add(java.util.Objects.requireNonNull(name, "name"), v);
      return this;
    }

    @Override
    public Event<K, T> put() {
      String t = topic;
      if (t != null && !t.equals(agent.sourceName())) {
        instance.awaitReady(System.nanoTime() + PUT_TIMEOUT.toNanos()); // its body joined it
        if (!instance.readsSide(t)) {
          throw new IllegalArgumentException("Agent '" + agent.name() + "' does not read topic '"
              + t + "': a test message of another topic is the other side of a stream-stream "
              + "join in the agent's body (stream.join(topic, window, ...))");
        }
      } else {
        t = agent.sourceName();
      }
      return TestContext.this.put(t, key, value, partition,
          timestamp != null ? timestamp : System.currentTimeMillis(), headers);
    }
  }

  private <T> Event<K, T> put(String topic, K key, T value, int partition, long timestamp,
      RecordHeaders headers) {
    long offset = offsets.getAndIncrement();
    ConsumerRecord<byte[], byte[]> coordinates = new ConsumerRecord<>(topic, partition, offset,
        timestamp, TimestampType.CREATE_TIME, -1, -1, null, null, headers,
        java.util.Optional.empty());
    Delivery d = new Delivery(coordinates, key, value, 1);
    CompletableFuture<Void> done = new CompletableFuture<>();
    inFlight = done;
    d.onDone(() -> done.complete(null));
    instance.mainQueue().add(d);
    try {
      done.get(PUT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new MephistoException("Agent '" + agent.name() + "' failed on value '" + value
          + "': " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new MephistoException("Agent '" + agent.name() + "' did not finish value '" + value
          + "' within " + PUT_TIMEOUT.toSeconds() + " s; is its body blocked?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MephistoException("Interrupted while waiting for agent '" + agent.name() + "'", e);
    }
    Map<String, byte[]> h = new java.util.LinkedHashMap<>();
    headers.forEach(x -> h.put(x.key(), x.value()));
    return new Event<>(key, value, Map.copyOf(h), topic, partition, offset,
        Instant.ofEpochMilli(timestamp));
  }

  @Override
  public List<Object> results() {
    return List.copyOf(results);
  }

  @Override
  public List<Event<Object, Object>> sent() {
    return List.copyOf(sent);
  }

  @Override
  public void close() {
    agent.services().removeSendListener(sendListener);
    instance.signalEnd();
    instance.awaitStopped(System.nanoTime() + Duration.ofSeconds(10).toNanos());
  }
}
