package dev.mephisto.core.internal.table;

import dev.mephisto.TableSpec;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.state.PartitionLayout;
import dev.mephisto.core.internal.state.PartitionWriter;
import dev.mephisto.core.internal.state.SortableBytes;
import dev.mephisto.core.internal.state.TimeIndex;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.stream.OperatorState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's durable state: entries {@code [0][key] -> [event time of the write][value]} in a
 * state table sharded like the agent's stream, plus a {@link TimeIndex} by write time through
 * which entries older than the retention (by the partition's stream time) are deleted, a range
 * scan from the index's start on each write that finds something due. A restore derives the
 * index from the restored entries; index entries of overwritten or deleted entries are dropped
 * when they come due.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class OperatorStateImpl<K, V> implements OperatorState<K, V> {
  private static final TimeIndex BY_TIME = new TimeIndex(1);

  private final StateHandle handle;
  private final Class<V> valueType;
  private final long retention;

  /** What the state keeps per partition: when the next entry comes due. */
  private static final class Due {
    long next = Long.MIN_VALUE; // unknown: read from the index
  }

  /**
   * @param states where operator state tables are declared
   * @param name the state's full name
   * @param keyType key type
   * @param valueType value type
   * @param retention how long after its last write an entry is kept
   * @param partitions the partition count of the stream writing it
   */
  public OperatorStateImpl(StateTables states, String name, Class<K> keyType, Class<V> valueType,
      Duration retention, int partitions) {
    this.valueType = valueType;
    this.retention = retention.toMillis();
    this.handle = states.open(TableSpec.of(name, keyType, valueType), partitions,
        retention.multipliedBy(2), new Layout());
  }

  /** Derives the time index from restored entries. */
  private static final class Layout implements PartitionLayout {
    @Override
    public void restored(ChangelogRecord r, List<ChangelogRecord> out) {
      if (r.value() != null && r.value().length >= 8 && !TimeIndex.isLocal(r.key())) {
        out.add(BY_TIME.restored(SortableBytes.getLong(r.value(), 0), r.key(), true, r.offset()));
      }
    }
  }

  @Override
  public String name() {
    return handle.name();
  }

  private static byte[] entryKey(byte[] k) {
    byte[] e = new byte[k.length + 1]; // a leading 0: never a local key (0xFE)
    System.arraycopy(k, 0, e, 1, k.length);
    return e;
  }

  private long now() {
    Delivery d = handle.current();
    return d != null ? d.record().timestamp() : System.currentTimeMillis();
  }

  @Override
  public Optional<V> get(K key) {
    byte[] k = handle.encodeKey(Objects.requireNonNull(key, "key"));
    byte[] v = handle.read(k, entryKey(k));
    if (v == null || SortableBytes.getLong(v, 0) + retention <= now()) {
      return Optional.empty(); // absent, or expired and not yet deleted
    }
    return Optional.of(handle.decodeValue(Arrays.copyOfRange(v, 8, v.length), valueType));
  }

  @Override
  public void put(K key, V value) {
    Objects.requireNonNull(value, "value");
    write(key, handle.encodeValue(value));
  }

  @Override
  public void remove(K key) {
    write(key, null);
  }

  private void write(K key, byte[] value) {
    byte[] k = handle.encodeKey(Objects.requireNonNull(key, "key"));
    byte[] e = entryKey(k);
    long t = now();
    handle.write(k, key, w -> {
      w.advanceStreamTime(t);
      if (value == null) {
        w.put(e, null);
      } else {
        byte[] v = new byte[8 + value.length];
        SortableBytes.putLong(v, 0, t);
        System.arraycopy(value, 0, v, 8, value.length);
        w.put(e, v);
        BY_TIME.add(w, t, e);
        Due due = due(w);
        due.next = Math.min(due.next, t);
      }
      expire(w, w.partition().streamTime() - retention);
      return Boolean.TRUE;
    });
  }

  private static Due due(PartitionWriter w) {
    if (w.attachment() instanceof Due d) {
      return d;
    }
    Due d = new Due();
    d.next = BY_TIME.first(w);
    w.attach(d);
    return d;
  }

  /** Deletes the entries last written at or before {@code upTo}. */
  private static void expire(PartitionWriter w, long upTo) {
    Due due = due(w);
    if (due.next > upTo) {
      return;
    }
    for (TimeIndex.Due d : BY_TIME.due(w, upTo)) {
      w.putLocal(d.indexKey(), null);
      byte[] v = w.get(d.entryKey());
      if (v != null && SortableBytes.getLong(v, 0) == d.time()) {
        w.put(d.entryKey(), null); // not written again since: expired
      }
    }
    due.next = BY_TIME.first(w);
  }
}
