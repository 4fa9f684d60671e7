package dev.mephisto.harness.scale;

import java.util.Arrays;

/**
 * Pauses of one partition, from outside: record {@code i} of a partition was produced at
 * {@code a[i]} and first processed at {@code f[i]}. Record {@code i} <em>waited</em> from
 * {@code max(a[i], f[i-1])} — it was there and the record before it was done — until
 * {@code f[i]}. The pause of a partition in a time span is the longest such wait that overlaps
 * the span: the longest time the partition had a record to process and processed nothing.
 */
public final class PauseAnalyzer {
  /** A record that was never processed. */
  public static final long NEVER = Long.MAX_VALUE;

  private PauseAnalyzer() {}

  /**
   * @param producedAt per offset, when it was produced (epoch ms)
   * @param processedAt per offset, when it was first processed, or {@link #NEVER}
   * @param from start of the span (epoch ms)
   * @param to end of the span (epoch ms)
   * @return the longest wait overlapping the span, ms (0 if none); {@code NEVER} if a record
   *     waiting in the span was never processed
   */
  public static long pause(long[] producedAt, long[] processedAt, long from, long to) {
    long longest = 0;
    long previousDone = Long.MIN_VALUE;
    for (int i = 0; i < producedAt.length; i++) {
      long waitFrom = Math.max(producedAt[i], previousDone);
      long done = processedAt[i];
      if (waitFrom <= to && done >= from) {
        if (done == NEVER) {
          return NEVER;
        }
        longest = Math.max(longest, done - waitFrom);
      }
      if (done != NEVER) {
        previousDone = Math.max(previousDone, done);
      }
      if (waitFrom > to) {
        break; // records are in offset order: later ones waited later
      }
    }
    return longest;
  }

  /**
   * @param values per partition
   * @param q quantile, 0 to 1
   * @return that quantile (nearest rank)
   */
  public static long quantile(long[] values, double q) {
    if (values.length == 0) {
      return 0;
    }
    long[] s = values.clone();
    Arrays.sort(s);
    int idx = (int) Math.ceil(q * s.length) - 1;
    return s[Math.min(s.length - 1, Math.max(0, idx))];
  }
}
