package dev.mephisto;

import java.time.Duration;
import java.util.Optional;

/**
 * The windows of one key of a {@link WindowedTable}, as Faust's {@code WindowSet}.
 *
 * @param <V> value type
 */
public interface WindowSet<V> {
  /** @return the value in the window that holds the wall-clock time now */
  V now();

  /** @return the value in the window that holds the current stream time (the event's time) */
  V current();

  /**
   * @param ago how far back from the current stream time
   * @return the value in the window that held {@code current - ago}
   */
  V delta(Duration ago);

  /** @return the value by the table's time source ({@link WindowedTable#relativeToStream()} etc.) */
  V value();

  /**
   * @param window a window of this table
   * @return the stored value of that window, if any
   */
  Optional<V> get(Window window);
}
