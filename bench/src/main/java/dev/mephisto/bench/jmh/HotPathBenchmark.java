package dev.mephisto.bench.jmh;

import dev.mephisto.App;
import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.AppServices;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.transport.RecordSource;
import dev.mephisto.core.internal.transport.TopicDefinition;
import dev.mephisto.core.internal.transport.Transport;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.common.header.Headers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-record send path of an at-least-once worker, {@code AppServices.sendRaw}, over a
 * transport that completes at once (what is measured is Mephisto's part, not the producer's), on
 * two threads as two agents would. {@code sendRawBefore} is the path as it was (test-listener
 * check, metrics, the send read-write lock's read side around the transport call, copied from the
 * old {@code AppServices.sendRaw}); {@code sendRaw} is the real method now (no lock unless
 * exactly-once, no look at test listeners: test contexts swap in another observer).
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh HotPathBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class HotPathBenchmark {
  private static final CompletableFuture<RecordMetadata> DONE =
      CompletableFuture.completedFuture(new RecordMetadata("out", 0, 0, Instant.EPOCH));
  private final byte[] key = "account-1".getBytes();
  private final byte[] value = new byte[64];
  private final ReentrantReadWriteLock sendLock = new ReentrantReadWriteLock();
  private final List<Object> sendListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private App app;
  private AppServices services;
  private Transport transport;

  /** A transport whose sends complete at once. */
  static final class NullTransport implements Transport {
    @Override
    public Map<String, Integer> ensureTopics(List<TopicDefinition> topics) {
      return Map.of();
    }

    @Override
    public OptionalInt partitions(String topic) {
      return OptionalInt.of(1);
    }

    @Override
    public Set<String> topicNames() {
      return Set.of();
    }

    @Override
    public CompletableFuture<RecordMetadata> send(String topic, Integer partition, byte[] key,
        byte[] value, Headers headers, Long timestamp) {
      return DONE;
    }

    @Override
    public void flush() {}

    @Override
    public RecordSource newSource(String groupId, String clientId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RecordSource newAssignedSource(String clientId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void deleteTopics(Collection<String> topics) {}

    @Override
    public Transactions transactions() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  /**
   * An at-least-once app's services with the null transport put in place of its own.
   *
   * @throws ReflectiveOperationException never
   */
  @Setup(Level.Trial)
  public void setUp() throws ReflectiveOperationException {
    app = App.builder("jmh-hot-path").broker("memory://").build();
    services = ((MephistoApp) app).services();
    transport = new NullTransport();
    Field f = AppServices.class.getDeclaredField("transport");
    f.setAccessible(true);
    f.set(services, transport);
  }

  /** Closes the app. */
  @TearDown(Level.Trial)
  public void tearDown() {
    app.close();
  }

  /** @return the ack */
  @Benchmark
  public CompletableFuture<RecordMetadata> sendRaw() {
    return services.sendRaw("out", null, key, value, null, null, null);
  }

  /** @return the ack */
  @Benchmark
  public CompletableFuture<RecordMetadata> sendRawBefore() {
    if (!sendListeners.isEmpty()) {
      throw new IllegalStateException();
    }
    services.monitor().metrics().sent("out");
    ReentrantReadWriteLock.ReadLock l = sendLock.readLock();
    l.lock();
    try {
      return transport.send("out", null, key, value, null, null);
    } finally {
      l.unlock();
    }
  }
}
