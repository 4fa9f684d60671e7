package dev.mephisto.core.internal.table;

import dev.mephisto.ConfigurationException;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.core.internal.offsets.Delivery;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A table–table join materialised into a table, as Kafka Streams' {@code KTable} joins: every
 * write of either side recomputes the result's entry for that key from both sides' values now
 * (inner: both present; left: this side present; outer: either), writing it or, when the join
 * has no result, deleting it. The result is written in the same partition as the write that
 * caused it, so both sides and the result must be co-partitioned: checked at start.
 *
 * @param <K> key type
 * @param <V> this side's value type
 * @param <T> the other side's value type
 * @param <R> result type
 */
final class TableJoin<K, V, T, R> {
  enum Type { INNER, LEFT, OUTER }

  private final TableImpl<K, V> left;
  private final TableImpl<K, T> right;
  private final Type type;
  private final BiFunction<? super V, ? super T, ? extends R> joiner;
  private final TableCore result;

  private TableJoin(TableImpl<K, V> left, TableImpl<K, T> right, Type type,
      BiFunction<? super V, ? super T, ? extends R> joiner, TableCore result) {
    this.left = left;
    this.right = right;
    this.type = type;
    this.joiner = joiner;
    this.result = result;
  }

  static <K, V, T, R> Table<K, R> declare(TableImpl<K, V> left, Table<K, T> other, Type type,
      BiFunction<? super V, ? super T, ? extends R> joiner, TableSpec<K, R> spec) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(joiner, "joiner");
    Objects.requireNonNull(spec, "result");
    Table<K, T> o = other instanceof JoinedTable<K, T> j ? j.table() : other;
    if (!(o instanceof TableImpl<K, T> right)) {
      throw new ConfigurationException("Table '" + left.name() + "' can be joined only with a "
          + "table declared with app.table(...), not with '" + other.name() + "'");
    }
    TableCore lc = left.core();
    TableCore rc = right.core();
    if (lc.global || rc.global) {
      throw new ConfigurationException("Table join '" + spec.name() + "' of tables '" + lc.name
          + "' and '" + rc.name + "': a global table cannot be joined table to table; look it "
          + "up from a stream with stream.join(globalTable, keyMapper, joiner)");
    }
    TableRuntime runtime = lc.runtime;
    TableCore result = runtime.table(spec, false) instanceof TableImpl<K, R> t ? t.core() : null;
    TableJoin<K, V, T, R> join = new TableJoin<>(left, right, type, joiner,
        Objects.requireNonNull(result));
    lc.listeners.add(join::changed);
    rc.listeners.add(join::changed);
    runtime.onStart(join::checkPartitions);
    return new JoinedTable<>(new TableImpl<>(result, spec), join.describe());
  }

  String describe() {
    return "table " + type.name().toLowerCase(java.util.Locale.ROOT) + " join '" + result.name
        + "' of tables '" + left.name() + "' and '" + right.name() + "'";
  }

  /** Both sides and the result must have one partition count. */
  private void checkPartitions() {
    int l = left.core().partitionCount();
    int r = right.core().partitionCount();
    int m = result.partitionCount();
    if (l != r || l != m) {
      throw new ConfigurationException("The " + describe() + " needs co-partitioned tables, but "
          + "table '" + left.name() + "' (changelog '" + left.core().changelog + "') has " + l
          + " partitions, table '" + right.name() + "' (changelog '" + right.core().changelog
          + "') has " + r + " and the result '" + result.name + "' has " + m + "; declare them "
          + "withPartitions(n) with one count and feed them from topics of that count");
    }
  }

  /**
   * Recomputes the result's entry of a key. Both sides are read under the lock of the result's
   * partition, not before it: the two sides are written by different agents (threads), and a
   * result computed from reads taken before the lock could be written after one computed from
   * newer reads, leaving a stale result (a key missing from a left join, found under load). Each
   * side's write ends before its own recomputation takes the lock, so the last recomputation of a
   * key sees both sides' last writes.
   */
  @SuppressWarnings("unchecked")
  private void changed(Object key) {
    K k = (K) key; // a key of one of the two tables, both of type K
    byte[] kb = result.encodeKey(key);
    Delivery d = result.current();
    result.write(result.partitionFor(kb, d), d, key, w -> {
      byte[] v = resultOf(k);
      if (v != null || w.get(kb) != null) {
        w.put(kb, v);
      }
      return Boolean.TRUE;
    });
    result.changed(key); // joins of the result go on
  }

  /** @return the encoded result of a key from both sides' values now, or null for none */
  private byte[] resultOf(K key) {
    Optional<V> a = left.get(key);
    Optional<T> b = right.get(key);
    boolean present = switch (type) {
      case INNER -> a.isPresent() && b.isPresent();
      case LEFT -> a.isPresent();
      case OUTER -> a.isPresent() || b.isPresent();
    };
    if (!present) {
      return null;
    }
    R r = Objects.requireNonNull(joiner.apply(a.orElse(null), b.orElse(null)),
        () -> "the joiner of " + describe() + " returned null for key '" + key + "'");
    return result.encodeValue(r);
  }
}
