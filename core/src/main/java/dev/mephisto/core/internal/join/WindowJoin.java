package dev.mephisto.core.internal.join;

import dev.mephisto.JoinWindow;
import dev.mephisto.KeyValue;
import dev.mephisto.TableSpec;
import dev.mephisto.core.internal.state.PartitionLayout;
import dev.mephisto.core.internal.state.PartitionWriter;
import dev.mephisto.core.internal.state.SortableBytes;
import dev.mephisto.core.internal.state.TimeIndex;
import dev.mephisto.core.internal.table.StateHandle;
import dev.mephisto.core.internal.table.StateTables;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a stream–stream join, as Kafka Streams' since KIP-633: each side's events wait in
 * a changelogged window store of their own ({@code <agent>-<name>-this} and {@code -other}),
 * keyed {@code [length][key][time][offset]} (the offset makes a replayed event land on its own
 * entry again), valued {@code [matched][value]}. An event joins every event of the other side of
 * its key within the window, whichever came first, and marks them matched. Two time indexes per
 * store: {@code UNMATCHED} (events of a side that gives left/outer results, until they match) and
 * {@code EXPIRE} (every event). When the stream time (the latest event time of both sides in the
 * partition) passes an unmatched event's window plus grace, it is joined with {@code null}, once,
 * never before: no spurious left results. The stream time is kept as an entry of this side's
 * store too, so a restarted or moved partition goes on from it. Windows include both ends, to the
 * millisecond. Events are deleted once no window can reach them
 * (stream time passed their time plus before, after and grace); until then even an event later
 * than the grace joins what is there, as in Kafka Streams, and, alone, is joined with {@code
 * null} at once (its window closed already).
 *
 * @param <K> key type
 * @param <V> this side's value type
 * @param <V2> the other side's value type
 * @param <R> result type
 */
public final class WindowJoin<K, V, V2, R> {
  private static final Logger log = LoggerFactory.getLogger(WindowJoin.class);
  private static final TimeIndex EXPIRE = new TimeIndex(1);
  private static final TimeIndex UNMATCHED = new TimeIndex(2);
  /**
   * This side's entry holding the partition's stream time, logged like the events (shorter than
   * any event's key, so neither scans nor restores take it for one): a restart or a new owner
   * goes on from the stream time reached, not from the first event it processes.
   */
  private static final byte[] STREAM_TIME = {0};

  private final String name;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final Class<V2> otherType;
  private final long before;
  private final long after;
  private final long grace;
  private final boolean leftResults;
  private final boolean rightResults;
  private final BiFunction<? super V, ? super V2, ? extends R> joiner;
  private final StateHandle mine;
  private final StateHandle theirs;

  /**
   * @param states where the join's stores are declared
   * @param name the stores' name prefix ({@code <agent>-<join>})
   * @param partitions the streams' partition count
   * @param keyType key type
   * @param valueType this side's value type
   * @param otherType the other side's value type
   * @param window the join window
   * @param leftResults whether this side's unmatched events give results
   * @param rightResults whether the other side's do
   * @param joiner makes results
   */
  public WindowJoin(StateTables states, String name, int partitions, Class<K> keyType,
      Class<V> valueType, Class<V2> otherType, JoinWindow window, boolean leftResults,
      boolean rightResults, BiFunction<? super V, ? super V2, ? extends R> joiner) {
    this.name = name;
    this.keyType = keyType;
    this.valueType = valueType;
    this.otherType = otherType;
    this.before = window.before().toMillis();
    this.after = window.after().toMillis();
    this.grace = window.grace().toMillis();
    this.leftResults = leftResults;
    this.rightResults = rightResults;
    this.joiner = joiner;
    java.time.Duration retention = window.retention().multipliedBy(2);
    this.mine = states.open(TableSpec.of(name + "-this", keyType, valueType), partitions,
        retention, new Layout(leftResults));
    this.theirs = states.open(TableSpec.of(name + "-other", keyType, otherType), partitions,
        retention, new Layout(rightResults));
  }

  /** Derives both indexes of restored entries. */
  private static final class Layout implements PartitionLayout {
    private final boolean emits;

    Layout(boolean emits) {
      this.emits = emits;
    }

    @Override
    public void restored(ChangelogRecord r, List<ChangelogRecord> out) {
      byte[] k = r.key();
      if (TimeIndex.isLocal(k) || k.length < 20) {
        return;
      }
      long t = timeOf(k);
      out.add(EXPIRE.restored(t, k, r.value() != null, r.offset()));
      if (emits) {
        out.add(UNMATCHED.restored(t, k, r.value() != null && r.value()[0] == 0, r.offset()));
      }
    }
  }

  private static byte[] entryKey(byte[] k, long time, long offset) {
    byte[] b = new byte[4 + k.length + 16];
    b[0] = (byte) (k.length >>> 24);
    b[1] = (byte) (k.length >>> 16);
    b[2] = (byte) (k.length >>> 8);
    b[3] = (byte) k.length;
    System.arraycopy(k, 0, b, 4, k.length);
    SortableBytes.putTime(b, 4 + k.length, time);
    SortableBytes.putLong(b, 12 + k.length, offset);
    return b;
  }

  private static long timeOf(byte[] entry) {
    return SortableBytes.getTime(entry, entry.length - 16);
  }

  private static byte[] keyOf(byte[] entry) {
    int n = ((entry[0] & 0xFF) << 24) | ((entry[1] & 0xFF) << 16) | ((entry[2] & 0xFF) << 8)
        | (entry[3] & 0xFF);
    return Arrays.copyOfRange(entry, 4, 4 + n);
  }

  /**
   * An event of this side.
   *
   * @return the results it gives now, each with its key
   */
  public List<KeyValue<K, R>> onThis(K key, V value, long time, long offset) {
    return process(key, value, time, offset, true);
  }

  /**
   * An event of the other side.
   *
   * @return the results it gives now, each with its key
   */
  public List<KeyValue<K, R>> onOther(K key, V2 value, long time, long offset) {
    return process(key, value, time, offset, false);
  }

  private List<KeyValue<K, R>> process(K key, Object value, long time, long offset,
      boolean isThis) {
    List<KeyValue<K, R>> out = new ArrayList<>();
    if (key == null || value == null) {
      return out; // nothing to join on, as Kafka Streams skips them
    }
    StateHandle own = isThis ? mine : theirs;
    StateHandle other = isThis ? theirs : mine;
    byte[] k = own.encodeKey(key);
    long[] streamTime = new long[1];
    mine.write(k, key, w -> { // one stream time for both sides: this side's partition keeps it
      long was = w.partition().streamTime();
      if (was == Long.MIN_VALUE) { // first event here since the partition was opened or restored
        byte[] saved = w.get(STREAM_TIME);
        if (saved != null && saved.length == 8) {
          w.advanceStreamTime(SortableBytes.getLong(saved, 0));
          was = w.partition().streamTime();
        }
      }
      w.advanceStreamTime(time);
      streamTime[0] = w.partition().streamTime();
      if (streamTime[0] != was) {
        byte[] b = new byte[8];
        SortableBytes.putLong(b, 0, streamTime[0]);
        w.put(STREAM_TIME, b); // collapsed by the write cache: one record per partition a flush
      }
      return Boolean.TRUE;
    });
    // this side's window [t - before, t + after]; the other side's [t - after, t + before]
    long lookBack = isThis ? before : after;
    long lookAhead = isThis ? after : before;
    // what no window can reach any more is gone, also before it is deleted (as Kafka Streams'
    // window stores hide what is older than their retention)
    long horizon = streamTime[0] - (before + after + grace);
    List<Object> partners = new ArrayList<>();
    other.write(k, key, w -> {
      // offsets are stored big-endian, not sign-flipped: 0 (all zero bytes) sorts before every
      // offset of a time, so both ends of the window are exact
      byte[] prefix = entryKey(k, Math.max(time - lookBack, horizon + 1), 0);
      byte[] to = entryKey(k, time + lookAhead + 1, 0);
      List<StoreEntry> found = new ArrayList<>();
      try (StoreIterator it = w.range(prefix, to)) {
        it.forEachRemaining(found::add);
      }
      for (StoreEntry e : found) {
        byte[] v = e.value();
        Class<?> type = isThis ? otherType : valueType;
        partners.add(other.decodeValue(Arrays.copyOfRange(v, 1, v.length), type));
        if (v[0] == 0) {
          byte[] marked = v.clone();
          marked[0] = 1;
          w.put(e.key(), marked);
          UNMATCHED.remove(w, timeOf(e.key()), e.key());
        }
      }
      return Boolean.TRUE;
    });
    boolean emits = isThis ? leftResults : rightResults;
    // an event whose window closed already (it came later than the grace) and found nobody is
    // joined with null at once: nothing can join it any more
    boolean alone = emits && partners.isEmpty() && time + lookAhead + grace < streamTime[0];
    if (time > horizon) {
      byte[] encoded = own.encodeValue(value);
      byte[] stored = new byte[1 + encoded.length];
      stored[0] = (byte) (!partners.isEmpty() ? 1 : alone ? 2 : 0);
      System.arraycopy(encoded, 0, stored, 1, encoded.length);
      byte[] ek = entryKey(k, time, offset);
      own.write(k, key, w -> {
        w.put(ek, stored);
        EXPIRE.add(w, time, ek);
        if (stored[0] == 0 && emits) {
          UNMATCHED.add(w, time, ek);
        }
        return Boolean.TRUE;
      });
    } else {
      log.debug("Join '{}' keeps no late event of key '{}' at {} (stream time {})", name, key,
          time, streamTime[0]);
    }
    if (alone) {
      out.add(KeyValue.of(key, isThis ? join(value, null) : join(null, value)));
    }
    for (Object p : partners) {
      out.add(KeyValue.of(key, isThis ? join(value, p) : join(p, value)));
    }
    if (time >= streamTime[0]) {
      // as Kafka Streams: windows close when an in-order event moves stream time, so a late
      // partner that comes before it still joins instead of a null result
      closeDue(mine, true, k, streamTime[0], out);
      closeDue(theirs, false, k, streamTime[0], out);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private R join(Object thisValue, Object otherValue) {
    return joiner.apply((V) thisValue, (V2) otherValue);
  }

  /**
   * Emits the unmatched events of one store whose window closed by {@code streamTime}, then
   * deletes what no window can reach any more, in the partition of the current record.
   */
  private void closeDue(StateHandle store, boolean isThis, byte[] routing, long streamTime,
      List<KeyValue<K, R>> out) {
    boolean emits = isThis ? leftResults : rightResults;
    long window = isThis ? after : before;
    List<byte[]> emitted = new ArrayList<>();
    store.write(routing, "(window close)", w -> {
      if (emits) {
        for (TimeIndex.Due d : UNMATCHED.due(w, streamTime - window - grace - 1)) {
          w.putLocal(d.indexKey(), null);
          byte[] v = w.get(d.entryKey());
          if (v != null && v[0] == 0) {
            byte[] marked = v.clone();
            marked[0] = 2; // emitted alone
            w.put(d.entryKey(), marked);
            emitted.add(d.entryKey());
            emitted.add(v);
          }
        }
      }
      for (TimeIndex.Due d : EXPIRE.due(w, streamTime - before - after - grace)) {
        w.putLocal(d.indexKey(), null);
        w.put(d.entryKey(), null);
      }
      return Boolean.TRUE;
    });
    for (int i = 0; i < emitted.size(); i += 2) {
      byte[] ek = emitted.get(i);
      byte[] v = emitted.get(i + 1);
      K key = store.decodeKey(keyOf(ek), keyType);
      Class<?> type = isThis ? valueType : otherType;
      Object value = store.decodeValue(Arrays.copyOfRange(v, 1, v.length), type);
      out.add(KeyValue.of(key, isThis ? join(value, null) : join(null, value)));
    }
  }
}
