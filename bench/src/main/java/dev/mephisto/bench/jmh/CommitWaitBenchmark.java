package dev.mephisto.bench.jmh;

import dev.mephisto.core.internal.CommitGate;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.offsets.PartitionTracker;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The exactly-once commit's wait for the record in processing: one operation = the gate closes
 * with a record taken, an agent thread (virtual) acknowledges it, and the committer notices.
 * {@code sleepLoop} is the wait as it was ({@code Thread.onSpinWait(); Thread.sleep(1)} while any
 * record is taken and not done, copied from the old {@code Conductor.commitTransaction});
 * {@code condition} is {@link CommitGate#awaitQuiet}, woken by the acknowledgement.
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh CommitWaitBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommitWaitBenchmark {
  private static final ConsumerRecord<byte[], byte[]> RECORD =
      new ConsumerRecord<>("t", 0, 0L, new byte[0], new byte[0]);
  private final CommitGate gate = new CommitGate();
  private final SynchronousQueue<Delivery> toAgent = new SynchronousQueue<>();
  private Thread agent;

  /** Starts the agent: it acknowledges each record it is handed. */
  @Setup(Level.Trial)
  public void setUp() {
    agent = Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          toAgent.take().ack();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Stops the agent. */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    agent.interrupt();
    agent.join();
  }

  private Delivery inFlight(PartitionTracker t) throws InterruptedException {
    Delivery d = new Delivery(RECORD, t, 1);
    t.add(d);
    d.markTaken();
    gate.close();
    toAgent.put(d);
    return d;
  }

  /**
   * @return the offset to commit
   * @throws InterruptedException never
   */
  @Benchmark
  public long sleepLoop() throws InterruptedException {
    PartitionTracker t = new PartitionTracker(new TopicPartition("t", 0));
    inFlight(t);
    while (t.anyTakenNotDone()) {
      Thread.onSpinWait();
      Thread.sleep(1);
    }
    gate.open();
    t.advance();
    return t.toCommit();
  }

  /**
   * @return the offset to commit
   * @throws InterruptedException never
   */
  @Benchmark
  public long condition() throws InterruptedException {
    PartitionTracker t = new PartitionTracker(new TopicPartition("t", 0), gate::recordDone);
    inFlight(t);
    gate.awaitQuiet(() -> !t.anyTakenNotDone(), () -> false, TimeUnit.MILLISECONDS.toNanos(100));
    gate.open();
    t.advance();
    return t.toCommit();
  }
}
