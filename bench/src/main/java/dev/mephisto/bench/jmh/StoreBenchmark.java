package dev.mephisto.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
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
 * Get and put (overwrite) of one key at a time in a store holding 10 000 random 16-byte keys with
 * 100-byte values: Mephisto's {@code memory://} and {@code rocksdb://} stores against the bare
 * JDK maps and bare RocksDB JNI. Keys are visited in a fixed random order. RocksDB is flushed to
 * its first SST file after loading, so gets read the block cache, puts the memtable.
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh StoreBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBenchmark {
  static final int KEYS = 10_000;

  /** Which store. */
  @Param({"memory", "rocksdb", "HashMap", "TreeMap", "ConcurrentSkipListMap", "rocksdb-jni"})
  public String store;

  private KeyValueTarget target;
  private byte[][] keys;
  private byte[] value;
  private int next;

  /** Opens the store and fills it. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    keys = keys(KEYS);
    value = new byte[100];
    new SplittableRandom(11).nextBytes(value);
    target = KeyValueTarget.of(store, Files.createTempDirectory("mephisto-jmh-"));
    for (byte[] k : keys) {
      target.put(k, value);
    }
    target.flush();
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  static byte[][] keys(int n) {
    SplittableRandom random = new SplittableRandom(7);
    byte[][] keys = new byte[n][];
    for (int i = 0; i < n; i++) {
      keys[i] = new byte[16];
      random.nextBytes(keys[i]);
    }
    return keys;
  }

  private byte[] nextKey() {
    byte[] k = keys[next];
    next = next + 1 == KEYS ? 0 : next + 1;
    return k;
  }

  /** @return the value of the next key */
  @Benchmark
  public byte[] get() {
    return target.get(nextKey());
  }

  /** Overwrites the next key. */
  @Benchmark
  public void put() {
    target.put(nextKey(), value);
  }
}
