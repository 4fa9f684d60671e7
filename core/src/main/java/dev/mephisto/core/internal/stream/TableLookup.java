package dev.mephisto.core.internal.stream;

import dev.mephisto.ConfigurationException;
import dev.mephisto.Table;
import dev.mephisto.core.internal.table.StateTables;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Stream–table and stream–global-table joins: each value is joined with what the table holds now
 * under its key (or the key the mapper computes), as Kafka Streams' {@code KStream.join(KTable)}
 * and {@code join(GlobalKTable, ...)}. Inner joins drop values without a partner (acknowledged at
 * once, as a filter does); left joins pass {@code null}.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <T> the table's value type
 * @param <R> result type
 */
final class TableLookup<K, V, T, R> extends AbstractStream<K, R> {
  private final AbstractStream<K, V> up;
  private final Function<V, Optional<T>> lookup;
  private final BiFunction<? super V, ? super T, ? extends R> joiner;
  private final boolean inner;

  private TableLookup(AbstractStream<K, V> up, Function<V, Optional<T>> lookup,
      BiFunction<? super V, ? super T, ? extends R> joiner, boolean inner) {
    super(up.root());
    this.up = up;
    this.lookup = lookup;
    this.joiner = joiner;
    this.inner = inner;
  }

  /** A join with a table sharded like the stream: checked when made (at start). */
  static <K, V, T, R> AbstractStream<K, R> of(AbstractStream<K, V> up, Table<K, T> table,
      BiFunction<? super V, ? super T, ? extends R> joiner, boolean inner) {
    String what = (inner ? "join" : "leftJoin") + " of agent '" + up.root().host().agentName()
        + "' with table '" + table.name() + "'";
    if (StateTables.isGlobal(table)) {
      throw new ConfigurationException("The " + what + ": the table is global; join a global "
          + "table with join(table, keyMapper, joiner), or declare it with app.table(...)");
    }
    String topic = up.root().binding().topic();
    int streamCount = up.root().host().partitionsOf(topic);
    int tableCount = StateTables.partitionsOf(table);
    if (streamCount > 0 && streamCount != tableCount) {
      throw new ConfigurationException("The " + what + " needs co-partitioned inputs, but topic '"
          + topic + "' has " + streamCount + " partitions and table '" + table.name()
          + "' (changelog '" + StateTables.changelogOf(table) + "') has " + tableCount + "; "
          + "declare the table withPartitions(" + streamCount + ") and feed it from a topic of "
          + streamCount + " partitions, or join a global table");
    }
    SourceStream<K, ?> root = up.root();
    return new TableLookup<>(up, v -> {
      K key = root.currentKey();
      return key == null ? Optional.empty() : table.get(key);
    }, joiner, inner);
  }

  /** A join with a global table through a key mapper: no co-partitioning needed. */
  static <K, V, K2, T, R> AbstractStream<K, R> global(AbstractStream<K, V> up,
      Table<K2, T> table, Function<? super V, ? extends K2> keyMapper,
      BiFunction<? super V, ? super T, ? extends R> joiner, boolean inner) {
    if (!StateTables.isGlobal(table)) {
      throw new ConfigurationException("The " + (inner ? "join" : "leftJoin") + " of agent '"
          + up.root().host().agentName() + "' with table '" + table.name() + "' and a key "
          + "mapper needs a global table (every worker holds all of it); declare it with "
          + "app.globalTable(...), or join without a key mapper on the stream's own key");
    }
    return new TableLookup<>(up, v -> {
      K2 key = keyMapper.apply(v);
      return key == null ? Optional.empty() : table.get(key);
    }, joiner, inner);
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Object pull(long deadline) throws InterruptedException {
    while (true) {
      Object o = up.pull(deadline);
      if (signal(o)) {
        return o;
      }
      V v = (V) o;
      Optional<T> partner = lookup.apply(v);
      if (partner.isEmpty() && inner) {
        root().dropCurrent();
        continue;
      }
      return joiner.apply(v, partner.orElse(null));
    }
  }
}
