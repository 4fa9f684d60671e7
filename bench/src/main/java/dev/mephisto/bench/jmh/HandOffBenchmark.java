package dev.mephisto.bench.jmh;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hand-off of a poll batch from the poll thread to an agent's virtual thread through the
 * agent instance's {@link LinkedBlockingQueue}, as {@code Conductor} → {@code AgentRuntime} →
 * {@code SourceStream} do it: a poll batch of 500 records of one partition, per record (one
 * {@code add} and one {@code take} each, as before) or as one run (one {@code add} of the array,
 * one {@code take}, the records read from the array, as now). Score: nanoseconds per record until
 * the agent thread has them all.
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh HandOffBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandOffBenchmark {
  private static final int BATCH = 500;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final AtomicLong received = new AtomicLong();
  private final Object[] records = new Object[BATCH];
  private Thread agent;
  private long sent;

  /** Starts the agent thread: it takes records or runs and counts the records. */
  @Setup(Level.Trial)
  public void setUp() {
    for (int i = 0; i < BATCH; i++) {
      records[i] = new Object();
    }
    agent = Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          Object o = queue.take();
          if (o instanceof Object[] run) {
            long n = 0;
            for (Object r : run) {
              n += r != null ? 1 : 0;
            }
            received.addAndGet(n);
          } else {
            received.incrementAndGet();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Stops the agent thread. */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    agent.interrupt();
    agent.join();
  }

  private void awaitReceived() {
    while (received.get() < sent) {
      Thread.onSpinWait();
    }
  }

  /** One queue operation per record (before). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void perRecord() {
    for (int i = 0; i < BATCH; i++) {
      queue.add(records[i]);
    }
    sent += BATCH;
    awaitReceived();
  }

  /** One queue operation per poll batch and partition (now). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void perRun() {
    queue.add(records.clone());
    sent += BATCH;
    awaitReceived();
  }
}
