package dev.mephisto.bench.jmh;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.state.ChangelogSink;
import dev.mephisto.core.internal.state.StateEnvironment;
import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.core.internal.state.WorkerCache;
import dev.mephisto.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The table update path below the codecs, as a count table drives it: under the partition's
 * lock, read a key's count, add one, write it back, through Mephisto's store stack (metered →
 * caching → change-logging → store) on {@code memory://} and {@code rocksdb://}, with the write
 * cache on (10 MiB) and off (every update logged, as Faust does). Keys are 10 000 (the bench's
 * count workload: a set that fits the cache, each key updated ten times between commits) or
 * 1 000 000 (more than fits, visited uniformly: every update misses the cache and evicts, its
 * worst case), in a fixed random order; a commit (cache flush and checkpoint) comes every 100 000
 * updates.
 *
 * <p>The changelog sink does what the worker's does per record except the network: it builds the
 * producer record and completes an acknowledgement. The counters {@code changelogRecords} and
 * {@code updates} (per iteration) say how many records an update costs the broker (1 without the
 * cache).
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh TableUpdateBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TableUpdateBenchmark {
  private static final int COMMIT_EVERY = 100_000;

  /** Which store. */
  @Param({"memory", "rocksdb"})
  public String store;

  /** The worker's write cache in bytes; 0 is off. */
  @Param({"0", "10485760"})
  public long cacheBytes;

  /** Distinct keys updated. */
  @Param({"10000", "1000000"})
  public int keys;

  private Path directory;
  private StatePartition partition;
  private byte[][] keyBytes;
  private int next;
  private int sinceCommit;
  private final Sink sink = new Sink();

  /** Updates made and changelog records sent per iteration: their ratio is records per update. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    /** Updates made. */
    public long updates;
    /** Changelog records sent. */
    public long changelogRecords;
  }

  /** A sink that builds each producer record and acknowledges it at once. */
  private static final class Sink implements ChangelogSink {
    long sent;
    long offset;

    @Override
    public void send(String topic, int partition, byte[] key, byte[] value,
        BiConsumer<RecordMetadata, Throwable> onAck) {
      ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, key, value);
      sent++;
      CompletableFuture.completedFuture(new RecordMetadata(r.topic(), partition, offset++,
          Instant.EPOCH)).whenComplete(onAck);
    }
  }

  /** Opens the partition and gives every key a first value. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("mephisto-jmh-table-");
    String url = store.equals("rocksdb") ? "rocksdb://" + directory.toAbsolutePath() : "memory://";
    StateEnvironment env = new StateEnvironment(Stores.create(List.of()), "bench", sink,
        new WorkerCache(cacheBytes));
    partition = new StatePartition("counts", "bench-counts-changelog", 0, url, true, null);
    partition.open(env);
    partition.activate();
    SplittableRandom random = new SplittableRandom(7);
    keyBytes = new byte[keys][];
    for (int i = 0; i < keys; i++) {
      keyBytes[i] = ("\"account-" + i + "\"").getBytes(US_ASCII);
    }
    for (int i = keys - 1; i > 0; i--) { // a fixed random order
      int j = random.nextInt(i + 1);
      byte[] t = keyBytes[i];
      keyBytes[i] = keyBytes[j];
      keyBytes[j] = t;
    }
    for (byte[] k : keyBytes) {
      partition.write(w -> {
        w.put(k, "0".getBytes(US_ASCII));
        return null;
      });
    }
    commit();
  }

  private void commit() {
    partition.flush();
    partition.checkpoint();
    sinceCommit = 0;
  }

  /** Closes the partition and deletes its files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    partition.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Adds one to the next key's count.
   *
   * @param counters where the changelog records are counted
   * @return the new count
   */
  @Benchmark
  public long update(Counters counters) {
    byte[] k = keyBytes[next];
    next = next + 1 == keys ? 0 : next + 1;
    long before = sink.sent;
    long n = partition.write(w -> {
      byte[] old = w.get(k);
      long count = Long.parseLong(new String(old, US_ASCII)) + 1;
      w.put(k, Long.toString(count).getBytes(US_ASCII));
      return count;
    });
    if (++sinceCommit == COMMIT_EVERY) {
      commit();
    }
    counters.updates++;
    counters.changelogRecords += sink.sent - before;
    return n;
  }
}
