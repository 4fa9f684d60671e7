package dev.mephisto;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A table whose values are kept per time window. Made from a table with {@link
 * Table#tumbling(Duration)}, {@link Table#hopping(Duration, Duration)} or {@link
 * Table#sliding(Duration)}; configured before the app starts.
 *
 * <pre>{@code
 * WindowedTable<String, Long> views = app.table("views", String.class, Long.class, 0L)
 *     .tumbling(Duration.ofMinutes(1))
 *     .expires(Duration.ofHours(1))
 *     .onWindowClose((page, window, n) -> log.info("{} {} {}", page, window, n));
 * views.update(page, n -> n + 1);
 * long thisMinute = views.get(page).current();
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
@Experimental("windowed tables become their own immutable spec, declared apart from the table")
public interface WindowedTable<K, V> {
  /** @return the table's name */
  String name();

  /**
   * @param key the key
   * @return its windows
   */
  WindowSet<V> get(K key);

  /**
   * Updates the value of every window that holds the current time (by the time source).
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
   * @return the windows of this table that hold it
   */
  List<Window> windowsFor(Instant timestamp);

  /**
   * @param expires how long after its end a window is kept (then deleted from store and changelog)
   * @return this table
   */
  WindowedTable<K, V> expires(Duration expires);

  /**
   * @param grace how long after its end a window still accepts late events before it closes
   * @return this table
   */
  WindowedTable<K, V> grace(Duration grace);

  /** @return this table, with time taken from the event being processed (the default) */
  WindowedTable<K, V> relativeToStream();

  /** @return this table, with time taken from the wall clock */
  WindowedTable<K, V> relativeToNow();

  /**
   * Takes the time from the value being processed (the value read from the topic, before any
   * {@code map}). An update while processing a value of another class fails as the agent's body
   * would.
   *
   * <pre>{@code
   * views.relativeToField(PageView.class, PageView::viewedAt);
   * }</pre>
   *
   * @param valueType the class of the values the table is updated from
   * @param timeFn reads the time from such a value
   * @return this table
   * @param <T> value type
   */
  <T> WindowedTable<K, V> relativeToField(Class<T> valueType, Function<? super T, Instant> timeFn);

  /**
   * @param callback called exactly once per closed window, also for windows that closed while the
   *     worker was down
   * @return this table
   */
  WindowedTable<K, V> onWindowClose(WindowCloseCallback<K, V> callback);
}
