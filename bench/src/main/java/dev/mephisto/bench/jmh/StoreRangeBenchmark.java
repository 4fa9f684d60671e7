package dev.mephisto.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * A range scan of 100 consecutive entries (the shape of a windowed table's per-key read) from a
 * random start, in the stores of {@link StoreBenchmark} that keep keys ordered. Time is per scan.
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh StoreRangeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreRangeBenchmark {
  private static final int SPAN = 100;
  private static final int STARTS = 1024;

  /** Which store. */
  @Param({"memory", "rocksdb", "TreeMap", "ConcurrentSkipListMap", "rocksdb-jni"})
  public String store;

  private KeyValueTarget target;
  private byte[][] from;
  private byte[][] to;
  private int next;

  /** Opens and fills the store, and picks the ranges. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    byte[][] keys = StoreBenchmark.keys(StoreBenchmark.KEYS);
    byte[] value = new byte[100];
    target = KeyValueTarget.of(store, Files.createTempDirectory("mephisto-jmh-"));
    for (byte[] k : keys) {
      target.put(k, value);
    }
    target.flush();
    byte[][] sorted = keys.clone();
    Arrays.sort(sorted, Arrays::compareUnsigned);
    SplittableRandom random = new SplittableRandom(3);
    from = new byte[STARTS][];
    to = new byte[STARTS][];
    for (int i = 0; i < STARTS; i++) {
      int start = random.nextInt(sorted.length - SPAN);
      from[i] = sorted[start];
      to[i] = sorted[start + SPAN];
    }
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  /** @return summed value bytes of the 100 entries */
  @Benchmark
  public long range() {
    int i = next;
    next = (next + 1) & (STARTS - 1);
    return target.range(from[i], to[i]);
  }
}
