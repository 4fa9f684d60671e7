package dev.mephisto.harness.chaos;

/**
 * The longest stall of a run: the longest time in which records were waiting and the group's
 * committed offsets did not move. Counted from the group's first commit (start-up is reported
 * apart) until everything was processed.
 */
public final class StallTracker {
  private long firstProgress = -1;
  private long lastProgress = -1;
  private long lastTotal = -1;
  private long longest;
  private long longestFrom = -1;

  /**
   * @param timeMillis when the sample was taken
   * @param committedTotal the sum of the group's committed offsets
   * @param pending whether records were waiting
   */
  public void sample(long timeMillis, long committedTotal, boolean pending) {
    if (lastTotal < 0) {
      lastTotal = committedTotal;
      return;
    }
    if (committedTotal > lastTotal) {
      if (firstProgress < 0) {
        firstProgress = timeMillis;
      } else {
        stalled(timeMillis);
      }
      lastTotal = committedTotal;
      lastProgress = timeMillis;
    } else if (firstProgress >= 0) {
      if (pending) {
        stalled(timeMillis);
      } else {
        lastProgress = timeMillis; // idle: nothing to do is no stall
      }
    }
  }

  private void stalled(long now) {
    long d = now - lastProgress;
    if (d > longest) {
      longest = d;
      longestFrom = lastProgress;
    }
  }

  /** @return the longest stall so far, milliseconds */
  public long longestMillis() {
    return longest;
  }

  /** @return when it began, epoch milliseconds, or -1 */
  public long longestFrom() {
    return longestFrom;
  }

  /** @return when the committed offsets first moved, epoch milliseconds, or -1 */
  public long firstProgress() {
    return firstProgress;
  }
}
