package dev.mephisto.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Records processed so far by one run, written by the implementation and read by the harness
 * (completion, progress lines). Cheap enough to call once per record.
 */
public final class Progress {
  private final AtomicLong records = new AtomicLong();
  private volatile long firstNanos;

  /** Counts one processed record. */
  public void record() {
    add(1);
  }

  /** @param n records processed since the last call */
  public void add(long n) {
    if (n <= 0) {
      return;
    }
    if (records.getAndAdd(n) == 0) {
      firstNanos = System.nanoTime();
    }
  }

  /** @return records processed so far */
  public long records() {
    return records.get();
  }

  /** @return {@link System#nanoTime()} when the first record was processed, 0 before */
  public long firstNanos() {
    return firstNanos;
  }
}
