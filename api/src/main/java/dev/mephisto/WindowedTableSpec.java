package dev.mephisto;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything that describes a windowed table before it exists: the table (name, types, default,
 * codecs, store), the kind of window, grace, expiry, time source and close callback. Immutable;
 * every method that configures returns a copy. Declared with {@link App#windowedTable}.
 *
 * <pre>{@code
 * WindowedTable<String, Long> views = app.windowedTable(
 *     TableSpec.of("views", String.class, Long.class).withDefault(0L)
 *         .tumbling(Duration.ofMinutes(1))
 *         .grace(Duration.ofSeconds(10))
 *         .onWindowClose((page, window, n) -> log.info("{} {} {}", page, window, n)));
 * }</pre>
 *
 * <p>Kinds of window, all in event time by default ({@link #relativeToStream()}):
 *
 * <ul>
 *   <li><b>tumbling</b> {@code size}: {@code [n * size, (n + 1) * size)}, one per event.
 *   <li><b>hopping</b> {@code size, step}: windows of {@code size} starting every {@code step};
 *       an event updates every window that holds it.
 *   <li><b>sliding</b> {@code size}: as Kafka Streams' {@code SlidingWindows}: one window per
 *       distinct set of a key's events no further than {@code size} apart, each holding every
 *       event within it, ends included ({@code [t - size, t]} as a {@link Window} from {@code t -
 *       size} to {@code t + 1 ms}).
 *   <li><b>session</b> {@code gap}: a key's events less than {@code gap} apart (inclusive) form
 *       one session; an event between two sessions merges them. A session's {@link Window} runs
 *       from its first event to 1 ms after its last.
 * </ul>
 *
 * <p>A window closes (its {@link #onWindowClose callback} fires once) when the stream time passes
 * its end plus {@link #grace grace}; later events for it are dropped. It is deleted from store
 * and changelog {@link #expires expires} after its end; the default is size plus grace (gap plus
 * grace for sessions). The changelog is created {@code compact,delete} with a retention of size
 * plus grace plus expiry.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Experimental("new in this release")
public final class WindowedTableSpec<K, V> {
  /** The kinds of window. */
  public enum Kind {
    /** Fixed, non-overlapping windows aligned to the epoch. */
    TUMBLING,
    /** Fixed windows of one size starting every step, aligned to the epoch. */
    HOPPING,
    /** Windows defined by the events, as Kafka Streams' {@code SlidingWindows}. */
    SLIDING,
    /** Sessions of events separated by less than an inactivity gap. */
    SESSION
  }

  /** Where a windowed table takes the time of an update from. */
  public enum TimeSource {
    /** The timestamp of the event being processed (Faust's {@code relative_to_stream}). */
    STREAM,
    /** The wall clock (Faust's {@code relative_to_now}); windows close by the clock too. */
    NOW,
    /** A field of the value being processed (Faust's {@code relative_to_field}). */
    FIELD
  }

  private final TableSpec<K, V> table;
  private final Kind kind;
  private final Duration size;
  private final Duration step;
  private final Duration grace;
  private final @Nullable Duration expires;
  private final TimeSource timeSource;
  private final @Nullable Class<?> fieldType;
  private final @Nullable Function<Object, Instant> field;
  private final @Nullable WindowCloseCallback<K, V> onClose;
  private final @Nullable BinaryOperator<V> merger;

  private WindowedTableSpec(TableSpec<K, V> table, Kind kind, Duration size, Duration step,
      Duration grace, @Nullable Duration expires, TimeSource timeSource,
      @Nullable Class<?> fieldType, @Nullable Function<Object, Instant> field,
      @Nullable WindowCloseCallback<K, V> onClose, @Nullable BinaryOperator<V> merger) {
    this.table = table;
    this.kind = kind;
    this.size = size;
    this.step = step;
    this.grace = grace;
    this.expires = expires;
    this.timeSource = timeSource;
    this.fieldType = fieldType;
    this.field = field;
    this.onClose = onClose;
    this.merger = merger;
  }

  private static <K, V> WindowedTableSpec<K, V> of(TableSpec<K, V> table, Kind kind,
      Duration size, Duration step, @Nullable BinaryOperator<V> merger) {
    Objects.requireNonNull(table, "table");
    String what = "Windowed table '" + table.name() + "'";
    positive(what, kind == Kind.SESSION ? "gap" : "size", size);
    positive(what, "step", step);
    if (kind == Kind.HOPPING && step.compareTo(size) > 0) {
      throw new ConfigurationException(what + " step was '" + step + "' but it should be at "
          + "most the size '" + size + "' (events between windows would count nowhere)");
    }
    return new WindowedTableSpec<>(table, kind, size, step, Duration.ZERO, null,
        TimeSource.STREAM, null, null, null, merger);
  }

  private static void positive(String what, String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.toMillis() < 1) {
      throw new ConfigurationException(what + " " + name + " was '" + d + "' but it should be "
          + "at least 1 ms");
    }
  }

  private static Duration notNegative(String what, String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new ConfigurationException(what + " " + name + " was '" + d + "' but it should be "
          + ">= 0");
    }
    return d;
  }

  /**
   * @param table the table's name, types and options
   * @param size window length
   * @return a spec of non-overlapping windows of that size
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> WindowedTableSpec<K, V> tumbling(TableSpec<K, V> table, Duration size) {
    return of(table, Kind.TUMBLING, size, size, null);
  }

  /**
   * @param table the table's name, types and options
   * @param size window length
   * @param step distance between window starts, at most {@code size}
   * @return a spec of overlapping windows
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> WindowedTableSpec<K, V> hopping(TableSpec<K, V> table, Duration size,
      Duration step) {
    return of(table, Kind.HOPPING, size, step, null);
  }

  /**
   * @param table the table's name, types and options
   * @param size the largest time difference between two events of one window
   * @return a spec of sliding windows, as Kafka Streams' {@code SlidingWindows}
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> WindowedTableSpec<K, V> sliding(TableSpec<K, V> table, Duration size) {
    return of(table, Kind.SLIDING, size, size, null);
  }

  /**
   * Session windows. When an event joins two sessions into one, their values are combined with
   * {@code merger} (as Kafka Streams' {@code Merger}): the merged session's value is {@code
   * merger(merger(default, first), second)}, then updated with the event.
   *
   * <pre>{@code
   * TableSpec.of("clicks", String.class, Long.class).withDefault(0L)
   *     .session(Duration.ofMinutes(30), Long::sum)
   * }</pre>
   *
   * @param table the table's name, types and options
   * @param gap the inactivity gap: events further apart start a new session
   * @param merger combines the values of two sessions an event joins
   * @return a spec of session windows
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> WindowedTableSpec<K, V> session(TableSpec<K, V> table, Duration gap,
      BinaryOperator<V> merger) {
    return of(table, Kind.SESSION, gap, gap, Objects.requireNonNull(merger, "merger"));
  }

  private WindowedTableSpec<K, V> copy(Duration grace, @Nullable Duration expires,
      TimeSource source, @Nullable Class<?> fieldType, @Nullable Function<Object, Instant> field,
      @Nullable WindowCloseCallback<K, V> onClose) {
    return new WindowedTableSpec<>(table, kind, size, step, grace, expires, source, fieldType,
        field, onClose, merger);
  }

  /**
   * @param grace how long after its end a window still takes late events before it closes
   * @return a copy with that grace
   */
  public WindowedTableSpec<K, V> grace(Duration grace) {
    notNegative(describe(), "grace", grace);
    return copy(grace, expires, timeSource, fieldType, field, onClose);
  }

  /**
   * @param expires how long after its end a window is kept (then deleted from store and
   *     changelog); at least the grace, so that a window closes before it goes
   * @return a copy with that expiry
   */
  public WindowedTableSpec<K, V> expires(Duration expires) {
    notNegative(describe(), "expires", expires);
    return copy(grace, expires, timeSource, fieldType, field, onClose);
  }

  /** @return a copy taking time from the event being processed (the default) */
  public WindowedTableSpec<K, V> relativeToStream() {
    return copy(grace, expires, TimeSource.STREAM, null, null, onClose);
  }

  /** @return a copy taking time from the wall clock; windows close by the clock too */
  public WindowedTableSpec<K, V> relativeToNow() {
    return copy(grace, expires, TimeSource.NOW, null, null, onClose);
  }

  /**
   * Takes the time from the value being processed (the value read from the topic, before any
   * {@code map}). An update while processing a value of another class fails as the agent's body
   * would.
   *
   * <pre>{@code
   * spec.relativeToField(PageView.class, PageView::viewedAt)
   * }</pre>
   *
   * @param valueType the class of the values the table is updated from
   * @param timeFn reads the time from such a value
   * @return a copy with that time source
   * @param <T> value type
   */
  @SuppressWarnings("unchecked")
  public <T> WindowedTableSpec<K, V> relativeToField(Class<T> valueType,
      Function<? super T, Instant> timeFn) {
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(timeFn, "timeFn");
    // the runtime checks each value against valueType before calling timeFn
    return copy(grace, expires, TimeSource.FIELD, valueType,
        (Function<Object, Instant>) (Function<?, Instant>) timeFn, onClose);
  }

  /**
   * @param callback called exactly once per closed window (also for windows that closed while
   *     the worker was down), with the window's final value
   * @return a copy with that callback
   */
  public WindowedTableSpec<K, V> onWindowClose(WindowCloseCallback<K, V> callback) {
    Objects.requireNonNull(callback, "callback");
    return copy(grace, expires, timeSource, fieldType, field, callback);
  }

  /** @return the table's name, types and options */
  public TableSpec<K, V> table() {
    return table;
  }

  /** @return the kind of window */
  public Kind kind() {
    return kind;
  }

  /** @return the window size (tumbling, hopping, sliding) or the inactivity gap (session) */
  public Duration size() {
    return size;
  }

  /** @return the distance between window starts (hopping; the size for the others) */
  public Duration step() {
    return step;
  }

  /** @return how long after its end a window takes late events */
  public Duration grace() {
    return grace;
  }

  /** @return how long after its end a window is kept: as set, else size plus grace */
  public Duration expires() {
    return expires != null ? expires : size.plus(grace);
  }

  /** @return the changelog's retention: size plus grace plus expiry */
  public Duration changelogRetention() {
    return size.plus(grace).plus(expires());
  }

  /** @return where the time of an update comes from */
  public TimeSource timeSource() {
    return timeSource;
  }

  /** @return the class of values the time field is read from, with {@link TimeSource#FIELD} */
  public Optional<Class<?>> fieldType() {
    return Optional.ofNullable(fieldType);
  }

  /** @return the function reading the time field, with {@link TimeSource#FIELD} */
  public Optional<Function<Object, Instant>> timeField() {
    return Optional.ofNullable(field);
  }

  /** @return how session values are combined when sessions merge (session windows only) */
  public Optional<BinaryOperator<V>> merger() {
    return Optional.ofNullable(merger);
  }

  /** @return the close callback, if any */
  public Optional<WindowCloseCallback<K, V>> onWindowClose() {
    return Optional.ofNullable(onClose);
  }

  /** @return e.g. {@code windowed table 'views' (tumbling PT1M)} */
  public String describe() {
    return "Windowed table '" + table.name() + "' (" + kind.name().toLowerCase(java.util.Locale.ROOT)
        + " " + size + (kind == Kind.HOPPING ? " every " + step : "") + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
