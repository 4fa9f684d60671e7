package dev.mephisto.harness.chaos;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * The chaos run's input, a pure function of a seed: event {@code i} has key {@code e<i>}, an
 * account picked by a hash of (seed, i), and event time {@code baseTime + i} ms. The expected
 * totals follow from the same function, without reading anything back.
 */
public final class ChaosData {
  private final long seed;
  private final int accounts;
  private final long events;
  private final long baseTime;
  private final long windowMillis;
  private final Codec json = Codecs.get("json");

  /**
   * @param seed the seed
   * @param accounts how many accounts
   * @param events how many events
   * @param baseTime event time of event 0, epoch ms (a multiple of the window size)
   * @param windowMillis the tumbling window size
   */
  public ChaosData(long seed, int accounts, long events, long baseTime, long windowMillis) {
    this.seed = seed;
    this.accounts = accounts;
    this.events = events;
    this.baseTime = baseTime;
    this.windowMillis = windowMillis;
  }

  /**
   * A base time for a run starting now: every event time lies in the past (brokers reject times
   * far in the future) and window starts are multiples of the window size.
   *
   * @param events how many events (1 ms apart)
   * @param windowMillis the window size
   * @return the base time
   */
  public static long baseTimeForNow(long events, long windowMillis) {
    long start = System.currentTimeMillis() - events - 60_000;
    return Math.floorDiv(start, windowMillis) * windowMillis;
  }

  /**
   * @param index 0 to accounts - 1
   * @return the account's name
   */
  public static String accountName(int index) {
    return "acct-" + index;
  }

  /**
   * @param id an event
   * @return its account index
   */
  public int accountOf(long id) {
    long z = seed + id * 0x9E3779B97F4A7C15L; // SplitMix64
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (int) Math.floorMod(z, (long) accounts);
  }

  /**
   * @param id an event
   * @return the event
   */
  public ChaosEvent event(long id) {
    return new ChaosEvent(id, accountName(accountOf(id)), baseTime + id);
  }

  /**
   * @param id an event
   * @return its record key
   */
  public static String key(long id) {
    return "e" + id;
  }

  /**
   * @param topic the input topic
   * @param id an event
   * @return its record: JSON value as the app's codec writes it, timestamp = event time
   */
  public ProducerRecord<byte[], byte[]> record(String topic, long id) {
    ChaosEvent e = event(id);
    return new ProducerRecord<>(topic, null, e.time(), key(id).getBytes(StandardCharsets.UTF_8),
        json.encode(e));
  }

  /**
   * @param id an event
   * @param partitions partitions of the input
   * @return the partition the producer's default partitioner gives its key
   */
  public static int partitionOf(long id, int partitions) {
    return Utils.toPositive(Utils.murmur2(key(id).getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** @return how many events */
  public long events() {
    return events;
  }

  /** @return how many accounts */
  public int accounts() {
    return accounts;
  }

  /** @return expected count per account name */
  public Map<String, Long> expectedCounts() {
    long[] n = new long[accounts];
    for (long i = 0; i < events; i++) {
      n[accountOf(i)]++;
    }
    Map<String, Long> out = new HashMap<>();
    for (int a = 0; a < accounts; a++) {
      if (n[a] > 0) {
        out.put(accountName(a), n[a]);
      }
    }
    return out;
  }

  /** @return expected count per "account@windowStart" */
  public Map<String, Long> expectedWindowCounts() {
    Map<String, Long> out = new HashMap<>();
    for (long i = 0; i < events; i++) {
      out.merge(windowKey(accountName(accountOf(i)), windowStart(baseTime + i)), 1L, Long::sum);
    }
    return out;
  }

  /**
   * @param time an event time
   * @return the start of its tumbling window
   */
  public long windowStart(long time) {
    return Math.floorDiv(time, windowMillis) * windowMillis;
  }

  /**
   * @param account an account
   * @param windowStart a window start, epoch ms
   * @return the key windowed results are compared by
   */
  public static String windowKey(String account, long windowStart) {
    return account + "@" + windowStart;
  }
}
