package dev.mephisto.bench.data;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The input loaded once per bench run, and every result a correct implementation must compute
 * from it.
 */
public final class Dataset {
  /** Hopping windows of windowed-count: size. */
  public static final Duration WINDOW_SIZE = Duration.ofSeconds(1);

  /** Hopping windows of windowed-count: advance. */
  public static final Duration WINDOW_ADVANCE = Duration.ofMillis(500);

  /**
   * How long the windowed-count implementations keep a window: a day, far longer than the seconds
   * of event time the data spans, so every window is still there for the check. Kafka Streams'
   * window store retention and Mephisto's window expiry both get it.
   */
  public static final Duration WINDOW_RETENTION = Duration.ofDays(1);

  /** Store name of the restore workload; the changelog is {@code <app>-<store>-changelog}. */
  public static final String RESTORE_STORE = "restore-store";

  private final String inputTopic;
  private final int partitions;
  private final long records;
  private final long keyBytes;
  private final long valueBytes;
  private final long[] keyCounts;
  private final long[] accountCounts;
  private final long keptCount;
  private final NavigableMap<Long, Long> windowTotals;
  private final String restoreApp;
  private final long restoreEntries;

  Dataset(
      String inputTopic,
      int partitions,
      long records,
      long keyBytes,
      long valueBytes,
      long[] keyCounts,
      long[] accountCounts,
      long keptCount,
      NavigableMap<Long, Long> windowTotals,
      String restoreApp,
      long restoreEntries) {
    this.inputTopic = inputTopic;
    this.partitions = partitions;
    this.records = records;
    this.keyBytes = keyBytes;
    this.valueBytes = valueBytes;
    this.keyCounts = keyCounts;
    this.accountCounts = accountCounts;
    this.keptCount = keptCount;
    this.windowTotals = new TreeMap<>(windowTotals);
    this.restoreApp = restoreApp;
    this.restoreEntries = restoreEntries;
  }

  /**
   * @param inputTopic the topic a load generator writes to while the run goes on
   * @param partitions its partitions
   * @return a data set with no records known in advance (the latency mode's open-ended input)
   */
  public static Dataset stream(String inputTopic, int partitions) {
    return new Dataset(inputTopic, partitions, 0, 0, 0, new long[0], new long[0], 0, new TreeMap<>(),
        inputTopic + "-no-restore", 0);
  }

  /** @return the input topic */
  public String inputTopic() {
    return inputTopic;
  }

  /** @return partitions of the input topic (and of every topic a run creates) */
  public int partitions() {
    return partitions;
  }

  /** @return input records */
  public long records() {
    return records;
  }

  /** @return bytes of all input keys and values */
  public long bytes() {
    return keyBytes + valueBytes;
  }

  /** @return bytes of all input values */
  public long valueBytes() {
    return valueBytes;
  }

  /** @return records filter-map keeps */
  public long keptCount() {
    return keptCount;
  }

  /** @return count per key, as count must compute it (keys that occur only) */
  public Map<String, Long> keyCounts() {
    return nonZero(keyCounts, Integer::toString);
  }

  /** @return count per account, as repartition must compute it */
  public Map<String, Long> accountCounts() {
    return nonZero(accountCounts, DataGenerator::account);
  }

  /** @return summed counts per hopping window start (epoch ms) */
  public NavigableMap<Long, Long> windowTotals() {
    return windowTotals;
  }

  /** @return application id whose store {@link #RESTORE_STORE} the restore changelog feeds */
  public String restoreApp() {
    return restoreApp;
  }

  /** @return the restore changelog topic: {@code <restoreApp>-restore-store-changelog} */
  public String restoreTopic() {
    return restoreApp + "-" + RESTORE_STORE + "-changelog";
  }

  /** @return entries of the restore table, each key once */
  public long restoreEntries() {
    return restoreEntries;
  }

  /** @return sum of the restore table's values: 0 + 1 + ... + (entries - 1) */
  public long restoreValueSum() {
    return restoreEntries * (restoreEntries - 1) / 2;
  }

  private static Map<String, Long> nonZero(long[] counts, java.util.function.IntFunction<String> name) {
    Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out.put(name.apply(i), counts[i]);
      }
    }
    return out;
  }
}
