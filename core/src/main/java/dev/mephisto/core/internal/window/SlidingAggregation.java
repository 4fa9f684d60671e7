package dev.mephisto.core.internal.window;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The window arithmetic of sliding windows with Kafka Streams' {@code SlidingWindows} semantics,
 * on one key's windows, without storage: what one event changes.
 *
 * <p>A window is {@code [start, start + size]}, both ends included; it holds the aggregate of its
 * events and the time of the latest of them. The windows of a key are exactly the distinct sets
 * of its events no further than {@code size} apart: for every event at {@code t} its left window
 * {@code [t - size, t]}, and its right window {@code [t + 1, t + 1 + size]} when an event falls
 * in it. An event at {@code t} updates every window that holds it, and creates its left window
 * (from the aggregate of the window that ended last before {@code t}, when that window's latest
 * event is within {@code size}, else from the default), its right window (a copy of the
 * aggregate of the latest-starting window holding {@code t}, before {@code t} was added, when that
 * window holds a later event) and the right window of the previous event (holding only {@code t})
 * when missing. Aggregates are built only by applying updates, never by subtracting, so any
 * update function works, as in Kafka Streams.
 *
 * <p>Windows whose end is before the close time (stream time minus grace) are not updated.
 */
public final class SlidingAggregation {
  /**
   * One window of a key.
   *
   * @param start first instant in it
   * @param latest time of its latest event
   * @param value its aggregate
   * @param <V> value type
   */
  public record Slot<V>(long start, long latest, V value) {}

  private SlidingAggregation() {}

  /**
   * @param t an event's time
   * @param size the window size
   * @return the first start of the windows {@link #apply} must be given
   */
  public static long scanFrom(long t, long size) {
    return t - 2 * size;
  }

  /**
   * @param t an event's time
   * @return the last start (included) of the windows {@link #apply} must be given
   */
  public static long scanTo(long t) {
    return t + 1;
  }

  /**
   * @param t an event's time
   * @param size the window size
   * @param closeTime stream time minus grace
   * @return true if every window the event could touch has closed: the event is dropped
   */
  public static boolean late(long t, long size, long closeTime) {
    return t + 1 + size <= closeTime;
  }

  /**
   * Computes the windows one event writes.
   *
   * @param existing the key's windows with starts in {@code [scanFrom(t), scanTo(t)]}, by start
   * @param t the event's time
   * @param size the window size
   * @param closeTime stream time minus grace
   * @param dflt the value a new window starts from
   * @param fn the update
   * @return the windows to write (new values), in no particular order
   * @param <V> value type
   */
  public static <V> List<Slot<V>> apply(List<Slot<V>> existing, long t, long size,
      long closeTime, V dflt, UnaryOperator<V> fn) {
    List<Slot<V>> out = new ArrayList<>(4);
    boolean leftExists = false;
    boolean rightExists = false;
    Slot<V> before = null; // the window that ended last before t
    Slot<V> holder = null; // the latest-starting window that holds t and ends after it
    Long previous = null; // the time of the latest event before t
    for (int i = existing.size() - 1; i >= 0; i--) { // latest start first
      Slot<V> w = existing.get(i);
      long end = w.start() + size;
      if (w.start() == t + 1) {
        rightExists = true;
      } else if (end > t && w.start() <= t) {
        if (holder == null) {
          holder = w;
        }
        write(out, w, t, size, closeTime, fn);
      } else if (end == t) {
        leftExists = true;
        write(out, w, t, size, closeTime, fn);
        if (w.latest() >= t) {
          return out; // an event at t was here before: every window it needs exists
        }
        previous = w.latest();
      } else if (end < t) {
        before = w;
        previous = w.latest();
        break;
      }
    }
    if (previous != null && !hasStart(existing, previous + 1) && previous + 1 + size >= t) {
      // the previous event's right window: t is its only event so far
      write(out, new Slot<>(previous + 1, t, dflt), t, size, closeTime, fn);
    }
    if (!leftExists) {
      boolean shared = previous != null && previous >= t - size && before != null;
      write(out, new Slot<>(t - size, t, shared ? before.value() : dflt), t, size, closeTime, fn);
    }
    if (!rightExists && holder != null && holder.latest() > t) {
      // t's right window holds what the holder held after t: its aggregate before t was added
      // (never closed: the event would have been late)
      out.add(new Slot<>(t + 1, holder.latest(), holder.value()));
    }
    return out;
  }

  private static boolean hasStart(List<? extends Slot<?>> windows, long start) {
    for (Slot<?> w : windows) {
      if (w.start() == start) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code t} to a window (existing or new) unless the window has closed. */
  private static <V> void write(List<Slot<V>> out, Slot<V> w, long t, long size, long closeTime,
      UnaryOperator<V> fn) {
    if (w.start() + size < closeTime) {
      return; // closed: the update is dropped for this window
    }
    out.add(new Slot<>(w.start(), Math.max(w.latest(), t), fn.apply(w.value())));
  }
}
