package dev.mephisto.core.internal.table;

import dev.mephisto.core.internal.state.PartitionWriter;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The session windows of a windowed table, as Kafka Streams' session aggregation: an event at
 * {@code t} joins every session of its key that ends at or after {@code t - gap} and starts at or
 * before {@code t + gap}; they become one session from the earliest start to the latest end,
 * whose value is the merger of theirs (from the default), updated with the event. Merged-away
 * sessions are deleted (tombstones) without a close callback. A session closes when stream time
 * passes its end plus the gap plus the grace (until then an event could still extend it), and an
 * event whose merged session would already be closed is dropped as late, as in Kafka Streams.
 *
 * <p>Sessions are stored under {@code [length][k][last event][first event]}: a key's sessions in
 * end order, so the sessions an event can join are one range scan from {@code t - gap}.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class SessionWindows<K, V> {
  private final WindowedTableImpl<K, V> table;

  private record Session<V>(byte[] key, long start, long end, V value) {}

  SessionWindows(WindowedTableImpl<K, V> table) {
    this.table = table;
  }

  private long gap() {
    return table.shape().size();
  }

  void update(PartitionWriter w, WindowCloser.Marks marks, K key, byte[] k, long t, long closeTime,
      UnaryOperator<V> fn) {
    List<Session<V>> joined = new ArrayList<>(2);
    long start = t;
    long end = t;
    try (StoreIterator it = w.range(KeyBytes.session(k, t - gap(), Long.MIN_VALUE),
        KeyBytes.successor(KeyBytes.prefix(k)))) {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        long s = KeyBytes.windowStart(e.key());
        if (s > t + gap()) {
          break; // sessions do not overlap: later ones start later still
        }
        long en = KeyBytes.sessionEnd(e.key());
        joined.add(new Session<>(e.key(), s, en, table.decodeStored(e.value())));
        start = Math.min(start, s);
        end = Math.max(end, en);
      }
    }
    if (end + gap() < closeTime) { // an event up to a gap later could still have extended it
      table.late(key, start, end + 1);
      return;
    }
    BinaryOperator<V> merger = table.spec().merger().orElseThrow();
    V acc = table.defaultFor(key);
    for (Session<V> s : joined) {
      acc = Objects.requireNonNull(merger.apply(acc, s.value()), "session merger returned null");
    }
    acc = Objects.requireNonNull(fn.apply(acc), "update returned null");
    byte[] value = table.encodeValue(acc);
    if (joined.size() == 1 && joined.get(0).start() == start && joined.get(0).end() == end) {
      w.put(joined.get(0).key(), value); // inside one session: it keeps its key
      return;
    }
    for (Session<V> s : joined) {
      w.put(s.key(), null);
      table.closer().removed(w, s.key(), s.end() + 1 + gap());
    }
    byte[] sk = KeyBytes.session(k, end, start);
    w.put(sk, value);
    table.closer().created(w, marks, sk, end + 1 + gap());
  }

  /** @return the value of the session that holds {@code t}, if any */
  Optional<V> valueAt(byte[] k, long t) {
    byte[][] found = new byte[1][];
    table.core().scan(k, KeyBytes.session(k, t, Long.MIN_VALUE),
        KeyBytes.successor(KeyBytes.prefix(k)), e -> {
          if (found[0] == null && KeyBytes.windowStart(e.key()) <= t) {
            found[0] = e.value();
          }
        });
    return found[0] == null ? Optional.empty() : Optional.of(table.decodeStored(found[0]));
  }
}
