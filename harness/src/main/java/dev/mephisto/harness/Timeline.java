package dev.mephisto.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What happened during a run, in order: workers started, killed, stopped, exited on their own;
 * load started and ended. Times are wall-clock milliseconds, so that they compare with the
 * timestamps workers write.
 */
public final class Timeline {
  /**
   * One entry.
   *
   * @param timeMillis when, epoch milliseconds
   * @param kind e.g. {@code kill}, {@code start}, {@code unexpected-exit}
   * @param worker the worker index, or -1
   * @param detail free text
   */
  public record Entry(long timeMillis, String kind, int worker, String detail) {}

  private final long origin = System.currentTimeMillis();
  private final List<Entry> entries = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();

  /** @return when the timeline began, epoch milliseconds */
  public long origin() {
    return origin;
  }

  /**
   * @param kind what happened
   * @param worker which worker, or -1
   * @param detail free text
   * @return the entry
   */
  public Entry add(String kind, int worker, String detail) {
    Entry e = new Entry(System.currentTimeMillis(), kind, worker, detail);
    lock.lock();
    try {
      entries.add(e);
    } finally {
      lock.unlock();
    }
    return e;
  }

  /** @return every entry so far */
  public List<Entry> entries() {
    lock.lock();
    try {
      return List.copyOf(entries);
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param kind a kind
   * @return the entries of that kind
   */
  public List<Entry> of(String kind) {
    return entries().stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /**
   * @param timeMillis epoch milliseconds
   * @return seconds since the origin
   */
  public double at(long timeMillis) {
    return (timeMillis - origin) / 1000.0;
  }
}
