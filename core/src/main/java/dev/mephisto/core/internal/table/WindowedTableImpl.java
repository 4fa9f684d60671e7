package dev.mephisto.core.internal.table;

import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import dev.mephisto.Window;
import dev.mephisto.WindowCloseCallback;
import dev.mephisto.WindowSet;
import dev.mephisto.WindowedTable;
import dev.mephisto.WindowedTableSpec;
import dev.mephisto.WindowedTableSpec.Kind;
import dev.mephisto.WindowedTableSpec.TimeSource;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.state.PartitionWriter;
import dev.mephisto.core.internal.state.StatePartition;
import java.lang.invoke.MethodType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WindowedTable} declared from a {@link WindowedTableSpec}: entries keyed by key and
 * window ({@link WindowShape}), closed when stream time passes their end plus grace, and deleted
 * (tombstones) when it passes their end plus expiry; {@link WindowCloser} finds them through time
 * indexes. Tumbling and hopping windows are updated here; sliding windows by {@link
 * SlidingWindows}, sessions by {@link SessionWindows}.
 *
 * <p>Each closed window's callback fires once, then a marker entry "closed up to T" goes to the
 * store and the changelog of the partition. A restart (restored from store or changelog) sees the
 * marker and does not fire those windows again; the windows that were still open fire when
 * stream time passes them, also those whose time passed while the worker was down. Nothing is
 * lost: a crash after a callback and before its marker is stored fires that window again after
 * the restart (at least once, exactly once without a crash). A callback that throws is logged
 * and does not stop the others. Reads, closing and callbacks see the write cache's values.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class WindowedTableImpl<K, V> implements WindowedTable<K, V> {
  private static final Logger log = LoggerFactory.getLogger(WindowedTableImpl.class);

  private final TableCore core;
  private final WindowedTableSpec<K, V> spec;
  private final WindowShape shape;
  private final long grace;
  private final long expires;
  private final Function<Object, Instant> timeFn;
  private final WindowCloser<K, V> closer;
  private final SlidingWindows<K, V> sliding;
  private final SessionWindows<K, V> sessions;

  WindowedTableImpl(TableCore core, WindowedTableSpec<K, V> spec) {
    this.core = core;
    this.spec = spec;
    this.shape = new WindowShape(spec);
    this.grace = spec.grace().toMillis();
    this.expires = spec.expires().toMillis();
    if (expires < grace) {
      throw new ConfigurationException(spec.describe() + " expires was '" + spec.expires()
          + "' but it should be at least its grace '" + spec.grace() + "' (a window must close "
          + "before it is deleted)");
    }
    this.timeFn = spec.timeField().map(fn -> checked(spec, fn)).orElse(null);
    this.closer = new WindowCloser<>(this);
    this.sliding = new SlidingWindows<>(this);
    this.sessions = new SessionWindows<>(this);
  }

  private static Function<Object, Instant> checked(WindowedTableSpec<?, ?> spec,
      Function<Object, Instant> fn) {
    Class<?> type = spec.fieldType().orElseThrow();
    // int.class stands for Integer values (the table package keeps off the app's Classes)
    Class<?> boxed = MethodType.methodType(type).wrap().returnType();
    return v -> {
      if (!boxed.isInstance(v)) {
        throw new MephistoException("Windowed table '" + spec.table().name() + "' takes its time "
            + "from values of " + type.getName() + " (relativeToField) but was updated while "
            + "processing a " + v.getClass().getName() + "; update it from agents over that "
            + "type, or use relativeToStream()");
      }
      return fn.apply(v);
    };
  }

  @Override
  public String name() {
    return core.name;
  }

  @Override
  public WindowedTableSpec<K, V> spec() {
    return spec;
  }

  TableCore core() {
    return core;
  }

  TimeSource source() {
    return spec.timeSource();
  }

  WindowShape shape() {
    return shape;
  }

  WindowCloser<K, V> closer() {
    return closer;
  }

  long graceMillis() {
    return grace;
  }

  /** @return how long after its end a window is deleted */
  long expiresMillis() {
    return expires;
  }

  WindowCloseCallback<K, V> callback() {
    return spec.onWindowClose().orElse(null);
  }

  K decodeKey(byte[] bytes) {
    return core.decodeKey(bytes, spec.table().keyType());
  }

  V decodeValue(byte[] bytes) {
    return core.decodeValue(bytes, spec.table().valueType());
  }

  /** @return a window's value from what the store holds for it */
  V decodeStored(byte[] stored) {
    return decodeValue(shape.valueBytes(stored));
  }

  byte[] encodeValue(V value) {
    return core.encodeValue(value);
  }

  V defaultFor(Object key) {
    return Defaults.forKey(spec.table(), key, v -> decodeValue(encodeValue(v)), "Windowed table",
        core.name);
  }

  // ---- time ---------------------------------------------------------------------------------

  /**
   * The time of the current write by the time source, advancing the partition's stream time.
   */
  private long timeOfWrite(Delivery d, PartitionWriter w) {
    long t = switch (spec.timeSource()) {
      case NOW -> System.currentTimeMillis();
      case STREAM -> d != null ? d.record().timestamp() : Long.MIN_VALUE;
      case FIELD -> {
        Object v = core.runtime.host().currentValue();
        yield v != null ? timeFn.apply(v).toEpochMilli() : Long.MIN_VALUE;
      }
    };
    if (t == Long.MIN_VALUE) {
      long st = w.partition().streamTime();
      return st != Long.MIN_VALUE ? st : System.currentTimeMillis();
    }
    w.advanceStreamTime(t);
    return t;
  }

  /** The current stream time of a partition for reads: the event's, else the partition's. */
  long streamTimeFor(Delivery d, StatePartition tp) {
    if (d != null) {
      return d.record().timestamp();
    }
    long st = tp.streamTime();
    return st != Long.MIN_VALUE ? st : System.currentTimeMillis();
  }

  /** The time by the table's source, for {@link WindowSet#value()}. */
  long sourceTimeFor(Delivery d, StatePartition tp) {
    return switch (spec.timeSource()) {
      case NOW -> System.currentTimeMillis();
      case STREAM -> streamTimeFor(d, tp);
      case FIELD -> {
        Object v = core.runtime.host().currentValue();
        yield v != null ? timeFn.apply(v).toEpochMilli() : streamTimeFor(d, tp);
      }
    };
  }

  // ---- reads and writes ---------------------------------------------------------------------

  @Override
  public WindowSet<V> get(K key) {
    byte[] k = core.encodeKey(key);
    Delivery d = core.current();
    int p = TableCore.inStream(d) ? core.partitionFor(k, d) : core.hashPartition(k);
    return new WindowSetImpl<>(this, key, k, d, core.part(p));
  }

  /** @return the value of the window of key {@code k} that "holds" {@code t} for reads */
  Optional<V> valueAt(byte[] k, long t) {
    return switch (shape.kind()) {
      case TUMBLING, HOPPING -> read(k, shape.aligned().latestStart(t));
      case SLIDING -> sliding.valueAt(k, t);
      case SESSION -> sessions.valueAt(k, t);
    };
  }

  /** @return the stored bytes of the last entry of key {@code k} in {@code [from, to)} */
  byte[] lastIn(byte[] k, byte[] from, byte[] to) {
    byte[][] last = new byte[1][];
    core.scan(k, from, to, e -> last[0] = e.value());
    return last[0];
  }

  Optional<V> read(byte[] k, long start) {
    if (start == Long.MIN_VALUE) {
      return Optional.empty();
    }
    byte[] v = core.get(k, KeyBytes.window(k, start));
    return v == null ? Optional.empty() : Optional.of(decodeStored(v));
  }

  /** @return the stored value of a window given by its start (and end, for sessions) */
  Optional<V> read(byte[] k, Window window) {
    if (shape.kind() != Kind.SESSION) {
      return read(k, window.start().toEpochMilli());
    }
    byte[] v = core.get(k, KeyBytes.session(k, window.end().toEpochMilli() - 1,
        window.start().toEpochMilli()));
    return v == null ? Optional.empty() : Optional.of(decodeStored(v));
  }

  @Override
  public void update(K key, UnaryOperator<V> fn) {
    Objects.requireNonNull(fn, "fn");
    byte[] k = core.encodeKey(key);
    Delivery d = core.current();
    // null: the record's partition was revoked, and its next holder applies this update
    core.write(core.partitionFor(k, d), d, key, w -> {
      WindowCloser.Marks marks = closer.marks(w);
      long t = timeOfWrite(d, w);
      long streamTime = w.partition().streamTime();
      long closedBefore = Math.max(marks.closedUpTo,
          spec.timeSource() == TimeSource.NOW ? t : streamTime);
      switch (shape.kind()) {
        case TUMBLING, HOPPING -> updateAligned(w, marks, key, k, t, closedBefore, fn);
        case SLIDING -> sliding.update(w, marks, key, k, t, closedBefore - grace, fn);
        case SESSION -> sessions.update(w, marks, key, k, t, closedBefore - grace, fn);
      }
      closer.closeDue(w, marks, spec.timeSource() == TimeSource.NOW ? System.currentTimeMillis()
          : w.partition().streamTime());
      return Boolean.TRUE;
    });
  }

  private void updateAligned(PartitionWriter w, WindowCloser.Marks marks, K key, byte[] k, long t,
      long closedBefore, UnaryOperator<V> fn) {
    WindowSpec window = shape.aligned();
    for (long start : window.starts(t)) {
      long end = window.end(start);
      if (end + grace <= closedBefore) {
        late(key, start, end);
        continue;
      }
      byte[] sk = KeyBytes.window(k, start);
      byte[] old = w.get(sk);
      V before = old == null ? defaultFor(key) : decodeValue(old);
      V after = Objects.requireNonNull(fn.apply(before), "update returned null");
      w.put(sk, core.encodeValue(after));
      if (old == null) {
        closer.created(w, marks, sk, end);
      }
    }
  }

  void late(Object key, long start, long end) {
    log.debug("Dropped a late update of table '{}' key '{}': window [{}, {}) closed", core.name,
        key, start, end);
  }

  @Override
  public List<Window> windows(K key) {
    byte[] k = core.encodeKey(key);
    byte[] prefix = KeyBytes.prefix(k);
    List<Window> out = new ArrayList<>();
    core.scan(k, prefix, KeyBytes.successor(prefix), e -> out.add(shape.window(e.key())));
    out.sort(java.util.Comparator.comparing(Window::start).thenComparing(Window::end));
    return out;
  }

  @Override
  public List<Window> windowsFor(Instant timestamp) {
    if (shape.aligned() == null) {
      throw new UnsupportedOperationException(spec.describe() + ": " + shape.kind().name()
          .toLowerCase(java.util.Locale.ROOT) + " windows depend on the events of each key; use "
          + "windows(key)");
    }
    return shape.aligned().starts(timestamp.toEpochMilli()).stream().map(this::windowAt).toList();
  }

  Window windowAt(long start) {
    return new Window(Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(shape.aligned().end(start)));
  }

  /** Closes windows by the wall clock in every active partition (relativeToNow tables). */
  void sweep() {
    for (StatePartition tp : core.parts()) {
      tp.tryWriteActive(w -> {
        closer.closeDue(w, closer.marks(w), System.currentTimeMillis());
        return Boolean.TRUE;
      });
    }
  }

  @Override
  public String toString() {
    return "WindowedTable[" + core.name + ", " + shape.kind() + "]";
  }
}
