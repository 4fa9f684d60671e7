package dev.mephisto.bench.jmh;

import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.offsets.PartitionTracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The poll loop's per-record dispatch (finding the partition's tracker, making the {@link
 * Delivery}, tracking it), over a poll batch of 500 records of one topic and 8 partitions.
 * {@code perRecordTopicPartition} is the lookup as it was in {@code Conductor.dispatch} (a new
 * {@link TopicPartition} and a {@code HashMap} lookup per record); {@code trackerIndex} is the
 * lookup now (the topic's tracker array, looked up once per run of records of one topic).
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh DispatchBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {
  private static final int BATCH = 500;
  private static final int PARTITIONS = 8;
  private final List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
  private final Map<TopicPartition, PartitionTracker> trackers = new HashMap<>();
  private final Map<String, PartitionTracker[]> index = new HashMap<>();
  private final String leader = "app-__leader";

  /** One topic's records, partition by partition as a fetch returns them. */
  @Setup(Level.Iteration)
  public void setUp() {
    String topic = new String("orders"); // one instance, as the consumer shares it per fetch
    batch.clear();
    trackers.clear();
    PartitionTracker[] a = new PartitionTracker[PARTITIONS];
    for (int p = 0; p < PARTITIONS; p++) {
      TopicPartition tp = new TopicPartition(topic, p);
      a[p] = new PartitionTracker(tp);
      trackers.put(tp, a[p]);
      for (int i = 0; i < BATCH / PARTITIONS; i++) {
        batch.add(new ConsumerRecord<>(topic, p, i, new byte[8], new byte[16]));
      }
    }
    index.put(topic, a);
  }

  /** @param bh sink */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void perRecordTopicPartition(Blackhole bh) {
    for (int i = 0; i < batch.size(); i++) {
      ConsumerRecord<byte[], byte[]> r = batch.get(i);
      if (r.topic().equals(leader)) {
        continue;
      }
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      PartitionTracker tracker = trackers.get(tp);
      Delivery d = new Delivery(r, tracker, 1);
      if (tracker != null) {
        tracker.add(d);
      }
      d.ack();
      bh.consume(d);
    }
    drain();
  }

  /** @param bh sink */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void trackerIndex(Blackhole bh) {
    String lastTopic = null;
    boolean isLeader = false;
    PartitionTracker[] ts = null;
    for (int i = 0; i < batch.size(); i++) {
      ConsumerRecord<byte[], byte[]> r = batch.get(i);
      String topic = r.topic();
      if (topic != lastTopic) {
        lastTopic = topic;
        isLeader = topic.equals(leader);
        ts = index.get(topic);
      }
      if (isLeader) {
        continue;
      }
      int p = r.partition();
      PartitionTracker tracker = ts != null && p < ts.length ? ts[p] : null;
      Delivery d = new Delivery(r, tracker, 1);
      if (tracker != null) {
        tracker.add(d);
      }
      d.ack();
      bh.consume(d);
    }
    drain();
  }

  private void drain() {
    for (PartitionTracker t : trackers.values()) {
      t.advance();
    }
  }
}
