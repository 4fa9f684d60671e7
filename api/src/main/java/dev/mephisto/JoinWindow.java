package dev.mephisto;

import java.time.Duration;
import java.util.Objects;

/**
 * How far apart in time two events of a stream–stream join may be, as Kafka Streams' {@code
 * JoinWindows}: an event of this stream at {@code t} joins the other stream's events of the same
 * key at {@code [t - before, t + after]}, ends included. Both sides wait for late events {@code
 * grace} longer; left and outer results (an event that found no partner) are emitted only once
 * that window has closed. Immutable.
 *
 * <pre>{@code
 * JoinWindow.of(Duration.ofMinutes(5))                          // [t - 5 min, t + 5 min]
 * JoinWindow.of(Duration.ofMinutes(5)).grace(Duration.ofSeconds(30))
 * JoinWindow.between(Duration.ZERO, Duration.ofMinutes(5))      // the other event comes after
 * }</pre>
 *
 * @param before how long before an event of this stream the other's events may be
 * @param after how long after it they may be
 * @param grace how long after the window's end late events are still joined
 */
@Experimental("new in this release")
public record JoinWindow(Duration before, Duration after, Duration grace) {
  /** Checks the durations. */
  public JoinWindow {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(grace, "grace");
    if (before.isNegative() || after.isNegative() || grace.isNegative()) {
      throw new ConfigurationException("Join window was before '" + before + "', after '" + after
          + "', grace '" + grace + "' but each should be >= 0");
    }
  }

  /**
   * @param difference the largest time difference between two joined events, either way
   * @return a window of that difference, no grace
   */
  public static JoinWindow of(Duration difference) {
    return new JoinWindow(difference, difference, Duration.ZERO);
  }

  /**
   * @param before how long before an event of this stream the other's events may be
   * @param after how long after
   * @return a window of those bounds, no grace
   */
  public static JoinWindow between(Duration before, Duration after) {
    return new JoinWindow(before, after, Duration.ZERO);
  }

  /**
   * @param grace how long after the window's end late events are still joined
   * @return a copy with that grace
   */
  public JoinWindow grace(Duration grace) {
    return new JoinWindow(before, after, grace);
  }

  /** @return how long events are kept: before plus after plus grace */
  public Duration retention() {
    return before.plus(after).plus(grace);
  }
}
