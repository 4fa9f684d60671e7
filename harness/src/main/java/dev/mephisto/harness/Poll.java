package dev.mephisto.harness;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by looking again every interval, up to a timeout (never a fixed sleep). */
public final class Poll {
  private Poll() {}

  /**
   * @param timeout the longest wait
   * @param every how often to look
   * @param condition what to wait for; an exception counts as "not yet"
   * @return whether it held before the timeout
   */
  public static boolean until(Duration timeout, Duration every, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return true;
        }
      } catch (RuntimeException e) {
        // e.g. the broker is busy; look again
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(Math.min(left, every.toNanos()));
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
  }

  /**
   * Waits until a time (pacing: the kill schedule), returning early when asked to stop.
   *
   * @param epochMillis when
   * @param stop checked every 50 ms
   */
  public static void sleepUntil(long epochMillis, BooleanSupplier stop) {
    long left;
    while ((left = epochMillis - System.currentTimeMillis()) > 0 && !stop.getAsBoolean()) {
      LockSupport.parkNanos(Math.min(left, 50) * 1_000_000);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }
}
