package dev.mephisto.core.internal.table;

import java.util.TreeMap;

/**
 * The window bookkeeping of one table partition, rebuilt from the store after each restore:
 * up to which stream time windows were closed (persisted as a marker entry), and when the next
 * window is due to close or expire. Guarded by the partition's lock.
 */
final class WindowState {
  long closedUpTo = Long.MIN_VALUE;
  /** Times at which some window closes or expires, with how many. */
  final TreeMap<Long, Integer> due = new TreeMap<>();

  void addDue(long t) {
    due.merge(t, 1, Integer::sum);
  }

  long nextDue() {
    return due.isEmpty() ? Long.MAX_VALUE : due.firstKey();
  }
}
