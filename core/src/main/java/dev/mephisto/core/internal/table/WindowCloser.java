package dev.mephisto.core.internal.table;

import dev.mephisto.Window;
import dev.mephisto.WindowCloseCallback;
import dev.mephisto.core.internal.state.PartitionLayout;
import dev.mephisto.core.internal.state.PartitionWriter;
import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.core.internal.state.TimeIndex;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes and expires the windows of one windowed table through two {@link TimeIndex}es of each
 * partition, both keyed by window end: windows still to close, and windows to expire. Closing by
 * a time is one range scan of the first index up to {@code time - grace}; expiring, of the second
 * up to {@code time - expires}; neither reads the rest of the partition.
 *
 * <p>Each window's index entries are written with the window's first value (through the write
 * cache, so they reach the store in the same flush), removed when it closes or expires, and
 * derived again from the changelog by a restore ({@link #restored}). The indexes are local to the
 * store: the changelog holds only windows and the "closed up to" marker, as before. A store written
 * before the indexes existed (or one whose index metadata is missing) is indexed once, with one
 * scan, the first time it is used.
 *
 * <p>Each closed window's callback fires once, then the marker "closed up to T" goes to the store
 * and the changelog. A restart sees the marker and does not fire those windows again; a crash
 * after a callback and before its marker is flushed fires it again (at least once).
 */
final class WindowCloser<K, V> implements PartitionLayout {
  private static final Logger log = LoggerFactory.getLogger(WindowCloser.class);
  static final TimeIndex TO_CLOSE = new TimeIndex(1);
  static final TimeIndex TO_EXPIRE = new TimeIndex(2);
  static final byte[] INDEX_META = TimeIndex.metaKey("window-index-v1");
  private static final byte[] ONE = {1};

  /** What the closer keeps per partition, as its attachment; rebuilt after each restore. */
  static final class Marks {
    long closedUpTo = Long.MIN_VALUE;
    long nextClose = Long.MAX_VALUE;
    long nextExpire = Long.MAX_VALUE;
  }

  private final WindowedTableImpl<K, V> table;

  WindowCloser(WindowedTableImpl<K, V> table) {
    this.table = table;
  }

  private static long plus(long t, long d) {
    return t == Long.MAX_VALUE ? Long.MAX_VALUE : t + d;
  }

  // ---- the partition's life -----------------------------------------------------------------

  @Override
  public void opened(Store store) {
    if (store.persistedOffset().isEmpty()) {
      try (StoreIterator it = store.all()) {
        if (!it.hasNext()) {
          store.put(INDEX_META, ONE); // a new store: indexed from its first entry on
        }
      }
    }
  }

  @Override
  public void restored(ChangelogRecord r, List<ChangelogRecord> out) {
    byte[] key = r.key();
    if (KeyBytes.isMarker(key)) {
      return;
    }
    long end = table.shape().closesAt(key);
    boolean present = r.value() != null;
    out.add(TO_CLOSE.restored(end, key, present, r.offset()));
    out.add(TO_EXPIRE.restored(end, key, present, r.offset()));
  }

  /** @return the partition's marks, read from its store when missing; the caller holds the lock */
  Marks marks(PartitionWriter w) {
    if (w.attachment() instanceof Marks m) {
      return m;
    }
    Marks m = new Marks();
    byte[] marker = w.get(KeyBytes.CLOSED_MARKER);
    if (marker != null) {
      m.closedUpTo = KeyBytes.longOf(marker);
    }
    if (w.get(INDEX_META) == null) {
      index(w);
    }
    m.nextClose = plus(TO_CLOSE.first(w), table.graceMillis());
    m.nextExpire = plus(TO_EXPIRE.first(w), table.expiresMillis());
    w.attach(m);
    return m;
  }

  /** Indexes every window of a store written before the indexes existed. */
  private void index(PartitionWriter w) {
    List<byte[]> keys = new ArrayList<>();
    try (StoreIterator it = w.all()) {
      while (it.hasNext()) {
        byte[] k = it.next().key();
        if (!KeyBytes.isMarker(k)) {
          keys.add(k);
        }
      }
    }
    for (byte[] k : keys) {
      created(w, null, k, table.shape().closesAt(k));
    }
    w.putLocal(INDEX_META, ONE);
    log.info("Indexed {} windows of {} by time (a store written before window indexes)",
        keys.size(), w.partition().describe());
  }

  /** A window got its first value: index it. */
  void created(PartitionWriter w, Marks m, byte[] entryKey, long end) {
    TO_CLOSE.add(w, end, entryKey);
    TO_EXPIRE.add(w, end, entryKey);
    if (m != null) {
      m.nextClose = Math.min(m.nextClose, end + table.graceMillis());
      m.nextExpire = Math.min(m.nextExpire, end + table.expiresMillis());
    }
  }

  /** A window was deleted before it closed (a session merged into another): unindex it. */
  void removed(PartitionWriter w, byte[] entryKey, long end) {
    TO_CLOSE.remove(w, end, entryKey);
    TO_EXPIRE.remove(w, end, entryKey);
  }

  // ---- closing and expiry -------------------------------------------------------------------

  /** Closes, then expires, every window due by {@code now}; the caller holds the lock. */
  void closeDue(PartitionWriter w, Marks m, long now) {
    if (now == Long.MIN_VALUE) {
      return;
    }
    if (m.nextClose <= now) {
      close(w, m, now);
    }
    if (m.nextExpire <= now) {
      expire(w, m, now);
    }
  }

  private void close(PartitionWriter w, Marks m, long now) {
    long grace = table.graceMillis();
    List<StoreEntry> closing = new ArrayList<>();
    for (TimeIndex.Due d : TO_CLOSE.due(w, now - grace)) {
      w.putLocal(d.indexKey(), null);
      if (d.time() + grace > m.closedUpTo) {
        byte[] v = w.get(d.entryKey());
        if (v != null) {
          closing.add(new StoreEntry(d.entryKey(), v));
        }
      }
    }
    WindowCloseCallback<K, V> cb = table.callback();
    if (cb != null) {
      closing.sort(Comparator.comparingLong((StoreEntry e) -> table.shape().start(e.key()))
          .thenComparingLong(e -> table.shape().end(e.key())));
      for (StoreEntry e : closing) {
        fire(cb, w.partition(), e);
      }
    }
    // recorded after the callbacks: a crash in between fires them again rather than never
    m.closedUpTo = Math.max(m.closedUpTo, now);
    w.put(KeyBytes.CLOSED_MARKER, KeyBytes.longBytes(m.closedUpTo));
    m.nextClose = plus(TO_CLOSE.first(w), grace);
  }

  private void expire(PartitionWriter w, Marks m, long now) {
    long expires = table.expiresMillis();
    long grace = table.graceMillis();
    for (TimeIndex.Due d : TO_EXPIRE.due(w, now - expires)) {
      w.putLocal(d.indexKey(), null);
      if (w.get(d.entryKey()) != null) {
        w.put(d.entryKey(), null);
      }
      if (d.time() + grace > m.closedUpTo) {
        TO_CLOSE.remove(w, d.time(), d.entryKey()); // expired before it closed
      }
    }
    m.nextExpire = plus(TO_EXPIRE.first(w), expires);
  }

  private void fire(WindowCloseCallback<K, V> cb, StatePartition tp, StoreEntry e) {
    K key = null;
    Window win = table.shape().window(e.key());
    try {
      key = table.decodeKey(KeyBytes.tableKey(e.key()));
      cb.onClose(key, win, table.decodeStored(e.value()));
    } catch (RuntimeException ex) {
      log.error("The window close callback of {} failed for key '{}' window {}; it is not called "
          + "again for this window", tp.describe(), key, win, ex);
    }
  }
}
