package dev.mephisto.bench;

import java.util.Map;

/**
 * What an implementation computed, read after it finished, for the workload to verify.
 *
 * @param records input records it processed
 * @param valueBytes sum of the input value sizes it saw (consume), else 0
 * @param table its table: key to count (count, repartition, restore), else empty
 * @param windowTotals sum of counts per window start in epoch ms (windowed-count), else empty
 * @param nativeMemory native memory figures it can report (e.g. RocksDB block cache), bytes
 */
public record Observed(
    long records,
    long valueBytes,
    Map<String, Long> table,
    Map<Long, Long> windowTotals,
    Map<String, Long> nativeMemory) {

  /** Copies the maps. */
  public Observed {
    table = Map.copyOf(table);
    windowTotals = Map.copyOf(windowTotals);
    nativeMemory = Map.copyOf(nativeMemory);
  }

  /**
   * @param records input records processed
   * @return an observation with nothing else
   */
  public static Observed records(long records) {
    return new Observed(records, 0, Map.of(), Map.of(), Map.of());
  }

  /**
   * @param bytes value bytes seen
   * @return a copy with them
   */
  public Observed withValueBytes(long bytes) {
    return new Observed(records, bytes, table, windowTotals, nativeMemory);
  }

  /**
   * @param newTable key to count
   * @return a copy with that table
   */
  public Observed withTable(Map<String, Long> newTable) {
    return new Observed(records, valueBytes, newTable, windowTotals, nativeMemory);
  }

  /**
   * @param totals window start to summed count
   * @return a copy with those totals
   */
  public Observed withWindowTotals(Map<Long, Long> totals) {
    return new Observed(records, valueBytes, table, totals, nativeMemory);
  }

  /**
   * @param memory name to bytes
   * @return a copy with those figures
   */
  public Observed withNativeMemory(Map<String, Long> memory) {
    return new Observed(records, valueBytes, table, windowTotals, memory);
  }
}
