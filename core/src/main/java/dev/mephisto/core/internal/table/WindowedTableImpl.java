package dev.mephisto.core.internal.table;

import dev.mephisto.MephistoException;
import dev.mephisto.TableSpec;
import dev.mephisto.Window;
import dev.mephisto.WindowCloseCallback;
import dev.mephisto.WindowSet;
import dev.mephisto.WindowedTable;
import dev.mephisto.core.internal.Classes;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WindowedTable}: entries keyed {@code (key, window start)} ({@link KeyBytes#window}),
 * closed when stream time passes their end plus grace, and deleted (tombstones) when it passes
 * their end plus {@code expires}.
 *
 * <p>Each closed window's callback fires once, then a marker entry "closed up to T" goes to the
 * store and the changelog of the partition. A restart (restored from store or changelog) sees the
 * marker and does not fire those windows again; the windows that were still open fire when
 * stream time passes them, also those whose time passed while the worker was down. Nothing is
 * lost: a crash after a callback and before its marker is stored fires that window again after
 * the restart (at least once, exactly once without a crash). A callback that throws is logged
 * and does not stop the others.
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
    this.timeFn = v -> {
      if (!Classes.isInstance(valueType, v)) {
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
  private long timeOfWrite(Delivery d, TablePartition tp) {
    long t = switch (source) {
      case NOW -> System.currentTimeMillis();
      case STREAM -> d != null ? d.record().timestamp() : Long.MIN_VALUE;
      case FIELD -> {
        Object v = EventContext.currentValue();
        yield v != null ? timeFn.apply(v).toEpochMilli() : Long.MIN_VALUE;
      }
    };
    if (t == Long.MIN_VALUE) {
      long st = tp.streamTime;
      return st != Long.MIN_VALUE ? st : System.currentTimeMillis();
    }
    if (t > tp.streamTime) {
      tp.streamTime = t;
    }
    return t;
  }

  /** The current stream time of a partition for reads: the event's, else the partition's. */
  long streamTimeFor(Delivery d, TablePartition tp) {
    if (d != null) {
      return d.record().timestamp();
    }
    long st = tp.streamTime;
    return st != Long.MIN_VALUE ? st : System.currentTimeMillis();
  }

  /** The time by the table's source, for {@link WindowSet#value()}. */
  long sourceTimeFor(Delivery d, TablePartition tp) {
    return switch (source) {
      case NOW -> System.currentTimeMillis();
      case STREAM -> streamTimeFor(d, tp);
      case FIELD -> {
        Object v = EventContext.currentValue();
        yield v != null ? timeFn.apply(v).toEpochMilli() : streamTimeFor(d, tp);
      }
    };
  }

  // ---- reads and writes ---------------------------------------------------------------------

  @Override
  public WindowSet<V> get(K key) {
    byte[] k = core.encodeKey(key);
    Delivery d = EventContext.current();
    int p = TableCore.inStream(d) ? core.partitionFor(k, d) : core.hashPartition(k);
    return new WindowSetImpl<>(this, key, k, d, core.part(p));
  }

  Optional<V> read(byte[] k, long start) {
    if (start == Long.MIN_VALUE) {
      return Optional.empty();
    }
    return core.get(k, KeyBytes.window(k, start)).map(b -> core.decodeValue(b, spec.valueType()));
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
    Delivery d = EventContext.current();
    Optional<TablePartition> locked = core.lockForWrite(core.partitionFor(k, d), d, key);
    if (locked.isEmpty()) {
      return;
    }
    TablePartition tp = locked.get();
    try {
      WindowState ws = state(tp);
      long t = timeOfWrite(d, tp);
      long closedBefore = Math.max(ws.closedUpTo, source == TimeSource.NOW ? t : tp.streamTime);
      for (long start : window.starts(t)) {
        long end = window.end(start);
        if (end + grace <= closedBefore) {
          log.debug("Dropped a late update of table '{}' key '{}': window [{}, {}) closed", core.name,
              key, start, end);
          continue;
        }
        byte[] sk = KeyBytes.window(k, start);
        Optional<byte[]> old = tp.store().get(sk);
        V before = old.map(b -> core.decodeValue(b, spec.valueType())).orElseGet(() -> defaultFor(key));
        V after = Objects.requireNonNull(fn.apply(before), "update returned null");
        core.write(tp, sk, core.encodeValue(after), key, after);
        if (old.isEmpty()) {
          ws.addDue(end + grace);
          if (expires >= 0) {
            ws.addDue(end + expires);
          }
        }
      }
      closeDue(tp, ws, source == TimeSource.NOW ? System.currentTimeMillis() : tp.streamTime);
    } finally {
      tp.lock.unlock();
    }
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

  // ---- closing and expiry -------------------------------------------------------------------

  /** The partition's window state, rebuilt from its store when missing; caller holds the lock. */
  WindowState state(TablePartition tp) {
    WindowState ws = tp.windows;
    if (ws != null) {
      return ws;
    }
    ws = new WindowState();
    Optional<byte[]> marker = tp.store().get(KeyBytes.CLOSED_MARKER);
    if (marker.isPresent()) {
      ws.closedUpTo = KeyBytes.longOf(marker.get());
    }
    try (StoreIterator it = tp.store().all()) {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        if (KeyBytes.isMarker(e.key())) {
          continue;
        }
        long end = window.end(KeyBytes.windowStart(e.key()));
        if (end + grace > ws.closedUpTo) {
          ws.addDue(end + grace);
        }
        if (expires >= 0) {
          ws.addDue(end + expires);
        }
      }
    }
    tp.windows = ws;
    return ws;
  }

  /** Closes (and expires) every window due by {@code now}; the caller holds the lock. */
  void closeDue(TablePartition tp, WindowState ws, long now) {
    if (now == Long.MIN_VALUE || ws.nextDue() > now) {
      return;
    }
    List<StoreEntry> closing = new ArrayList<>();
    List<byte[]> expired = new ArrayList<>();
    TreeMap<Long, Integer> due = new TreeMap<>();
    try (StoreIterator it = tp.store().all()) {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        if (KeyBytes.isMarker(e.key())) {
          continue;
        }
        long end = window.end(KeyBytes.windowStart(e.key()));
        long closeAt = end + grace;
        if (closeAt > ws.closedUpTo) {
          if (closeAt <= now) {
            closing.add(e);
          } else {
            due.merge(closeAt, 1, Integer::sum);
          }
        }
        if (expires >= 0) {
          if (end + expires <= now) {
            expired.add(e.key());
          } else {
            due.merge(end + expires, 1, Integer::sum);
          }
        }
      }
    }
    WindowCloseCallback<K, V> cb = callback;
    if (cb != null) {
      closing.sort(Comparator.comparingLong((StoreEntry e) -> KeyBytes.windowStart(e.key())));
      for (StoreEntry e : closing) {
        fire(cb, tp, e);
      }
    }
    // recorded after the callbacks: a crash in between fires them again rather than never
    core.write(tp, KeyBytes.CLOSED_MARKER, KeyBytes.longBytes(now), null, null);
    ws.closedUpTo = now;
    ws.due.clear();
    ws.due.putAll(due);
    for (byte[] key : expired) {
      core.write(tp, key, null, null, null);
    }
  }

  private void fire(WindowCloseCallback<K, V> cb, TablePartition tp, StoreEntry e) {
    K key = null;
    Window w = windowAt(KeyBytes.windowStart(e.key()));
    try {
      key = core.decodeKey(KeyBytes.tableKey(e.key()), spec.keyType());
      cb.onClose(key, w, core.decodeValue(e.value(), spec.valueType()));
    } catch (RuntimeException ex) {
      log.error("The window close callback of table '{}' partition {} failed for key '{}' window "
          + "{}; it is not called again for this window", core.name, tp.partition, key, w, ex);
    }
  }

  /** Closes windows by the wall clock in every active partition (relativeToNow tables). */
  void sweep() {
    for (TablePartition tp : core.parts()) {
      if (tp.role() != Role.ACTIVE || !tp.lock.tryLock()) {
        continue; // a writer holds it and closes what is due itself
      }
      try {
        if (tp.role() == Role.ACTIVE) {
          closeDue(tp, state(tp), System.currentTimeMillis());
        }
      } finally {
        tp.lock.unlock();
      }
    }
  }
}
