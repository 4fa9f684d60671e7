package dev.mephisto;

import java.time.Duration;
import java.time.Instant;

/**
 * A time window {@code [start, end)}.
 *
 * @param start first instant inside
 * @param end first instant after
 */
public record Window(Instant start, Instant end) {
  /** Checks that the window is not empty. */
  public Window {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "Window end '" + end + "' must be after its start '" + start + "'");
    }
  }

  /** @return the window's length */
  public Duration size() {
    return Duration.between(start, end);
  }

  /**
   * @param t an instant
   * @return true if {@code start <= t < end}
   */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
