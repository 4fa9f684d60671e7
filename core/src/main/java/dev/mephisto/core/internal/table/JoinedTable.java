package dev.mephisto.core.internal.table;

import dev.mephisto.ConfigurationException;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The result of a table–table join: read like any table, written only by the join.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class JoinedTable<K, V> implements Table<K, V> {
  private final TableImpl<K, V> table;
  private final String join;

  JoinedTable(TableImpl<K, V> table, String join) {
    this.table = table;
    this.join = join;
  }

  TableImpl<K, V> table() {
    return table;
  }

  TableCore core() {
    return table.core();
  }

  private ConfigurationException readOnly() {
    return new ConfigurationException("Table '" + table.name() + "' is the result of the " + join
        + "; it changes when they do and cannot be written");
  }

  @Override
  public String name() {
    return table.name();
  }

  @Override
  public Optional<V> get(K key) {
    return table.get(key);
  }

  @Override
  public V getOrDefault(K key) {
    return table.getOrDefault(key);
  }

  @Override
  public void put(K key, V value) {
    throw readOnly();
  }

  @Override
  public V update(K key, UnaryOperator<V> fn) {
    throw readOnly();
  }

  @Override
  public void remove(K key) {
    throw readOnly();
  }

  @Override
  public boolean containsKey(K key) {
    return table.containsKey(key);
  }

  @Override
  public Set<K> keys() {
    return table.keys();
  }

  @Override
  public List<V> values() {
    return table.values();
  }

  @Override
  public List<KeyValue<K, V>> items() {
    return table.items();
  }

  @Override
  public int size() {
    return table.size();
  }

  @Override
  public <T, R> Table<K, R> join(Table<K, T> other,
      BiFunction<? super V, ? super T, ? extends R> joiner, TableSpec<K, R> result) {
    return table.join(other, joiner, result);
  }

  @Override
  public <T, R> Table<K, R> leftJoin(Table<K, T> other,
      BiFunction<? super V, ? super T, ? extends R> joiner, TableSpec<K, R> result) {
    return table.leftJoin(other, joiner, result);
  }

  @Override
  public <T, R> Table<K, R> outerJoin(Table<K, T> other,
      BiFunction<? super V, ? super T, ? extends R> joiner, TableSpec<K, R> result) {
    return table.outerJoin(other, joiner, result);
  }

  @Override
  public String toString() {
    return "Table[" + table.name() + ", " + join + "]";
  }
}
