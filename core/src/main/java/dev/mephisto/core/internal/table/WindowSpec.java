package dev.mephisto.core.internal.table;

import dev.mephisto.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which windows hold a time, in epoch milliseconds. Tumbling and hopping windows are aligned to
 * the epoch as Faust's are: a window starts at a multiple of its step (tumbling: its size). A
 * sliding window of size {@code s} is {@code [t - s, t + s)} around each event at {@code t}.
 *
 * @param type the kind of window
 * @param size window size (sliding: the distance before and after the event)
 * @param step distance between starts (tumbling: the size; sliding: unused)
 */
record WindowSpec(Type type, long size, long step) {
  /** The kinds of window. */
  enum Type { TUMBLING, HOPPING }

  static WindowSpec tumbling(Duration size) {
    long s = positive(size, "size");
    return new WindowSpec(Type.TUMBLING, s, s);
  }

  static WindowSpec hopping(Duration size, Duration step) {
    return new WindowSpec(Type.HOPPING, positive(size, "size"), positive(step, "step"));
  }

  private static long positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero() || d.toMillis() < 1) {
      throw new ConfigurationException("Window " + what + " was '" + d
          + "' but it should be at least 1 ms");
    }
    return d.toMillis();
  }

  /** @return the length of each window */
  long length() {
    return size;
  }

  /**
   * @param start a window start
   * @return its end (exclusive)
   */
  long end(long start) {
    return start + length();
  }

  /**
   * @param t a time
   * @return the starts of the windows that hold {@code t}, oldest first
   */
  List<Long> starts(long t) {
    return switch (type) {
      case TUMBLING -> List.of(Math.floorDiv(t, size) * size);
      case HOPPING -> {
        List<Long> l = new ArrayList<>();
        for (long s = Math.floorDiv(t, step) * step; s + size > t; s -= step) {
          l.add(0, s);
        }
        yield l;
      }
    };
  }

  /**
   * @param t a time
   * @return the start of the latest window that holds {@code t}, as Faust's {@code current}; or
   *     {@link Long#MIN_VALUE} if none does (hopping windows with gaps)
   */
  long latestStart(long t) {
    List<Long> s = starts(t);
    return s.isEmpty() ? Long.MIN_VALUE : s.get(s.size() - 1);
  }
}
