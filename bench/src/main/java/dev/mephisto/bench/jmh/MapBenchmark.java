package dev.mephisto.bench.jmh;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor for in-memory stores: put and get of 10 000 byte-array keys in a bare {@link
 * HashMap} (keys wrapped for value equality), a {@link TreeMap} and a {@link
 * ConcurrentSkipListMap} (both ordered by unsigned bytes, as a store with range scans must be).
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh MapBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MapBenchmark {
  private static final int KEYS = 10_000;

  /** Which map. */
  @Param({"HashMap", "TreeMap", "ConcurrentSkipListMap"})
  public String map;

  private byte[][] keys;
  private Key[] wrapped;
  private byte[] value;
  private Map<Object, byte[]> filled;

  /** A byte array with value equality, the cheapest way to key a HashMap by bytes. */
  record Key(byte[] bytes, int hash) {
    static Key of(byte[] bytes) {
      return new Key(bytes, Arrays.hashCode(bytes));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Makes 10 000 random 16-byte keys and a map holding all of them. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    keys = new byte[KEYS][];
    wrapped = new Key[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = new byte[16];
      random.nextBytes(keys[i]);
      wrapped[i] = Key.of(keys[i]);
    }
    value = new byte[100];
    filled = newMap();
    for (int i = 0; i < KEYS; i++) {
      filled.put(keyAt(i), value);
    }
  }

  // Keys are Key for the HashMap and byte[] for the sorted maps; the comparator only ever sees
  // byte[] because only byte[] keys go into those maps.
  private Map<Object, byte[]> newMap() {
    return switch (map) {
      case "HashMap" -> new HashMap<>();
      case "TreeMap" -> new TreeMap<>(MapBenchmark::compareBytes);
      case "ConcurrentSkipListMap" -> new ConcurrentSkipListMap<>(MapBenchmark::compareBytes);
      default -> throw new IllegalArgumentException("Unknown map '" + map + "'");
    };
  }

  private static int compareBytes(Object a, Object b) {
    return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
  }

  private Object keyAt(int i) {
    return map.equals("HashMap") ? Key.of(keys[i]) : keys[i];
  }

  /**
   * Puts every key into a fresh map; the HashMap case includes wrapping the key.
   *
   * @return the map, so the work is not eliminated
   */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public Map<Object, byte[]> put() {
    Map<Object, byte[]> m = newMap();
    for (int i = 0; i < KEYS; i++) {
      m.put(keyAt(i), value);
    }
    return m;
  }

  /**
   * Gets every key from a full map.
   *
   * @param bh sink for the values
   */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public void get(Blackhole bh) {
    boolean hash = map.equals("HashMap");
    for (int i = 0; i < KEYS; i++) {
      bh.consume(filled.get(hash ? wrapped[i] : keys[i]));
    }
  }
}
