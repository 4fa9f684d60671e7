package dev.mephisto.core.internal.table;

import dev.mephisto.Window;
import dev.mephisto.WindowedTableSpec;
import dev.mephisto.core.internal.state.SortableBytes;
import java.time.Instant;
import java.util.Arrays;

/**
 * How the windows of one kind lie in a windowed table's store, and where each ends; everything
 * the closer and a restore derive comes from the entry key alone, so a tombstone tells as much.
 *
 * <ul>
 *   <li>tumbling and hopping: key {@code [length][k][start]}, value the value (Faust's layout);
 *   <li>sliding: key {@code [length][k][start]}, value {@code [time of its latest event][value]}
 *       (what the next event's windows are made from), ending {@code start + size + 1 ms};
 *   <li>session: key {@code [length][k][last event][first event]}, value the value, ending 1 ms
 *       after its last event.
 * </ul>
 */
final class WindowShape {
  private final WindowedTableSpec.Kind kind;
  private final WindowSpec aligned;
  private final long size;

  WindowShape(WindowedTableSpec<?, ?> spec) {
    this.kind = spec.kind();
    this.size = spec.size().toMillis();
    this.aligned = switch (kind) {
      case TUMBLING -> WindowSpec.tumbling(spec.size());
      case HOPPING -> WindowSpec.hopping(spec.size(), spec.step());
      default -> null;
    };
  }

  WindowedTableSpec.Kind kind() {
    return kind;
  }

  /** @return the tumbling or hopping arithmetic, null for sliding and session windows */
  WindowSpec aligned() {
    return aligned;
  }

  long size() {
    return size;
  }

  /** @return the first instant of an entry's window */
  long start(byte[] entry) {
    return KeyBytes.windowStart(entry);
  }

  /** @return the first instant after an entry's window */
  long end(byte[] entry) {
    return switch (kind) {
      case TUMBLING, HOPPING -> aligned.end(KeyBytes.windowStart(entry));
      case SLIDING -> KeyBytes.windowStart(entry) + size + 1;
      case SESSION -> KeyBytes.sessionEnd(entry) + 1;
    };
  }

  /**
   * @return when an entry's window can no longer change, the time its closing and expiry count
   *     from: its end; for a session, its end plus the gap (an event up to a gap after its last
   *     one still extends it), as Kafka Streams closes sessions
   */
  long closesAt(byte[] entry) {
    return end(entry) + (kind == WindowedTableSpec.Kind.SESSION ? size : 0);
  }

  Window window(byte[] entry) {
    return new Window(Instant.ofEpochMilli(start(entry)), Instant.ofEpochMilli(end(entry)));
  }

  /** @return the value's bytes in what the store holds for an entry */
  byte[] valueBytes(byte[] stored) {
    return kind == WindowedTableSpec.Kind.SLIDING ? Arrays.copyOfRange(stored, 8, stored.length)
        : stored;
  }

  /** @return the time of a sliding window's latest event */
  static long latest(byte[] stored) {
    return SortableBytes.getLong(stored, 0);
  }

  /** @return a sliding window's stored bytes */
  static byte[] sliding(long latest, byte[] value) {
    byte[] b = new byte[8 + value.length];
    SortableBytes.putLong(b, 0, latest);
    System.arraycopy(value, 0, b, 8, value.length);
    return b;
  }
}
