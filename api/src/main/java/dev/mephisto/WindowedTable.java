package dev.mephisto;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A table whose values are kept per time window, declared with {@link App#windowedTable} from an
 * immutable {@link WindowedTableSpec} (kind of window, grace, expiry, time source, close callback).
 *
 * <pre>{@code
 * WindowedTable<String, Long> views = app.windowedTable(
 *     TableSpec.of("views", String.class, Long.class).withDefault(0L)
 *         .tumbling(Duration.ofMinutes(1))
 *         .onWindowClose((page, window, n) -> log.info("{} {} {}", page, window, n)));
 * views.update(page, n -> n + 1);
 * long thisMinute = views.get(page).current();
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
@Experimental("new in this release")
public interface WindowedTable<K, V> {
  /** @return the table's name */
  String name();

  /** @return what the table was declared with */
  WindowedTableSpec<K, V> spec();

  /**
   * @param key the key
   * @return its windows
   */
  WindowSet<V> get(K key);

  /**
   * Updates the value of every window that holds the current time (by the time source): for
   * sliding windows, every window of the key that holds it, creating the event's own windows
   * from the aggregates of its neighbours as Kafka Streams does; for sessions, the session it
   * falls in, merging sessions it joins.
   *
   * @param key the key
   * @param fn receives the current value (or the default) and returns the new one
   */
  void update(K key, UnaryOperator<V> fn);

  /**
   * @param key the key
   * @return the windows stored for the key, oldest first
   */
  List<Window> windows(K key);

  /**
   * @param timestamp an instant
   * @return the windows an event at that instant updates, for tumbling and hopping windows
   * @throws UnsupportedOperationException for sliding and session windows, which depend on the
   *     events of each key: use {@link #windows(Object)}
   */
  List<Window> windowsFor(Instant timestamp);
}
