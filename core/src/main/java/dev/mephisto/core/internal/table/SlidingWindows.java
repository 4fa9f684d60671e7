package dev.mephisto.core.internal.table;

import dev.mephisto.core.internal.state.PartitionWriter;
import dev.mephisto.core.internal.window.SlidingAggregation;
import dev.mephisto.core.internal.window.SlidingAggregation.Slot;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The sliding windows of a windowed table: reads the windows an event can touch (one range scan
 * of its key), lets {@link SlidingAggregation} decide what changes, writes that and indexes new
 * windows for closing and expiry.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class SlidingWindows<K, V> {
  private final WindowedTableImpl<K, V> table;

  SlidingWindows(WindowedTableImpl<K, V> table) {
    this.table = table;
  }

  void update(PartitionWriter w, WindowCloser.Marks marks, K key, byte[] k, long t, long closeTime,
      UnaryOperator<V> fn) {
    long size = table.shape().size();
    if (SlidingAggregation.late(t, size, closeTime)) {
      table.late(key, t - size, t + 1);
      return;
    }
    List<Slot<V>> existing = new ArrayList<>();
    Set<Long> starts = new HashSet<>();
    try (StoreIterator it = w.range(KeyBytes.window(k, SlidingAggregation.scanFrom(t, size)),
        KeyBytes.window(k, SlidingAggregation.scanTo(t) + 1))) {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        long start = KeyBytes.windowStart(e.key());
        starts.add(start);
        existing.add(new Slot<>(start, WindowShape.latest(e.value()),
            table.decodeStored(e.value())));
      }
    }
    V dflt = table.defaultFor(key);
    for (Slot<V> s : SlidingAggregation.apply(existing, t, size, closeTime, dflt, v ->
        java.util.Objects.requireNonNull(fn.apply(v), "update returned null"))) {
      byte[] sk = KeyBytes.window(k, s.start());
      w.put(sk, WindowShape.sliding(s.latest(), table.encodeValue(s.value())));
      if (!starts.contains(s.start())) {
        table.closer().created(w, marks, sk, s.start() + size + 1);
      }
    }
  }

  /** @return the window that ended last at or before {@code t}: the last {@code size} to it */
  Optional<V> valueAt(byte[] k, long t) {
    byte[] v = table.lastIn(k, KeyBytes.prefix(k), KeyBytes.window(k, t - table.shape().size()
        + 1));
    return v == null ? Optional.empty() : Optional.of(table.decodeStored(v));
  }
}
