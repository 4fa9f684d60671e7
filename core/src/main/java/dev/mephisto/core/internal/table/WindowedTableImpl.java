package dev.mephisto.core.internal.table;

import dev.mephisto.MephistoException;
import dev.mephisto.TableSpec;
import dev.mephisto.Window;
import dev.mephisto.WindowCloseCallback;
import dev.mephisto.WindowSet;
import dev.mephisto.WindowedTable;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.state.PartitionWriter;
import dev.mephisto.core.internal.state.StatePartition;
import java.time.Duration;
import java.lang.invoke.MethodType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WindowedTable}: entries keyed {@code (key, window start)} ({@link KeyBytes#window}),
 * closed when stream time passes their end plus grace, and deleted (tombstones) when it passes
 * their end plus {@code expires}; {@link WindowCloser} finds them through time indexes.
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

  /** Where a windowed table takes its time from. */
  enum TimeSource { STREAM, NOW, FIELD }

  private final TableCore core;
  private final TableImpl<K, V> table;
  private final TableSpec<K, V> spec;
  private final WindowSpec window;
  private volatile long grace;
  private volatile long expires = -1;
  private volatile TimeSource source = TimeSource.STREAM;
  private volatile Function<Object, Instant> timeFn;
  private volatile WindowCloseCallback<K, V> callback;
  private final WindowCloser<K, V> closer = new WindowCloser<>(this);

  WindowedTableImpl(TableCore core, TableImpl<K, V> table, TableSpec<K, V> spec, WindowSpec window) {
    this.core = core;
    this.table = table;
    this.spec = spec;
    this.window = window;
  }

  @Override
  public String name() {
    return core.name;
  }

  TimeSource source() {
    return source;
  }

  WindowCloser<K, V> closer() {
    return closer;
  }

  long graceMillis() {
    return grace;
  }

  /** @return how long after its end a window is deleted, or -1 for never */
  long expiresMillis() {
    return expires;
  }

  WindowCloseCallback<K, V> callback() {
    return callback;
  }

  K decodeKey(byte[] bytes) {
    return core.decodeKey(bytes, spec.keyType());
  }

  V decodeValue(byte[] bytes) {
    return core.decodeValue(bytes, spec.valueType());
  }

  // ---- configuration ------------------------------------------------------------------------

  private void configuring(String what) {
    core.runtime.requireNotStarted(what + " of windowed table '" + core.name + "'");
  }

  @Override
  public WindowedTable<K, V> expires(Duration d) {
    configuring("expires");
    this.expires = nonNegative(d, "expires");
    return this;
  }

  @Override
  public WindowedTable<K, V> grace(Duration d) {
    configuring("grace");
    this.grace = nonNegative(d, "grace");
    return this;
  }

  private long nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new dev.mephisto.ConfigurationException("Windowed table '" + core.name + "' " + what
          + " was '" + d + "' but it should be >= 0");
    }
    return d.toMillis();
  }

  @Override
  public WindowedTable<K, V> relativeToStream() {
    configuring("the time source");
    source = TimeSource.STREAM;
    return this;
  }

  @Override
  public WindowedTable<K, V> relativeToNow() {
    configuring("the time source");
    source = TimeSource.NOW;
    return this;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object v) {
    return (T) v; // checked against the (boxed) class just before
  }

  @Override
  public <T> WindowedTable<K, V> relativeToField(Class<T> valueType,
      Function<? super T, Instant> fn) {
    configuring("the time source");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(fn, "timeFn");
    // int.class stands for Integer values (the table package keeps off the app's Classes)
    Class<?> boxed = MethodType.methodType(valueType).wrap().returnType();
    this.timeFn = v -> {
      if (!boxed.isInstance(v)) {
        throw new MephistoException("Windowed table '" + name() + "' takes its time from values "
            + "of " + valueType.getName() + " (relativeToField) but was updated while processing "
            + "a " + v.getClass().getName() + "; update it from agents over that type, or use "
            + "relativeToStream()");
      }
      return fn.apply(cast(v));
    };
    source = TimeSource.FIELD;
    return this;
  }

  @Override
  public WindowedTable<K, V> onWindowClose(WindowCloseCallback<K, V> cb) {
    configuring("the close callback");
    this.callback = Objects.requireNonNull(cb, "callback");
    return this;
  }

  // ---- time ---------------------------------------------------------------------------------

  /**
   * The time of the current write by the time source, advancing the partition's stream time.
   */
  private long timeOfWrite(Delivery d, PartitionWriter w) {
    long t = switch (source) {
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
    return switch (source) {
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

  Optional<V> read(byte[] k, long start) {
    if (start == Long.MIN_VALUE) {
      return Optional.empty();
    }
    byte[] v = core.get(k, KeyBytes.window(k, start));
    return v == null ? Optional.empty() : Optional.of(decodeValue(v));
  }

  V defaultFor(Object key) {
    return table.defaultFor(key);
  }

  WindowSpec window() {
    return window;
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
      long closedBefore = Math.max(marks.closedUpTo, source == TimeSource.NOW ? t : streamTime);
      for (long start : window.starts(t)) {
        long end = window.end(start);
        if (end + grace <= closedBefore) {
          log.debug("Dropped a late update of table '{}' key '{}': window [{}, {}) closed",
              core.name, key, start, end);
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
      closer.closeDue(w, marks,
          source == TimeSource.NOW ? System.currentTimeMillis() : w.partition().streamTime());
      return Boolean.TRUE;
    });
  }

  @Override
  public List<Window> windows(K key) {
    byte[] k = core.encodeKey(key);
    byte[] prefix = KeyBytes.prefix(k);
    TreeSet<Long> starts = new TreeSet<>();
    core.scan(k, prefix, KeyBytes.successor(prefix), e -> starts.add(KeyBytes.windowStart(e.key())));
    return starts.stream().map(this::windowAt).toList();
  }

  @Override
  public List<Window> windowsFor(Instant timestamp) {
    return window.starts(timestamp.toEpochMilli()).stream().map(this::windowAt).toList();
  }

  Window windowAt(long start) {
    return new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(window.end(start)));
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
}
