package dev.mephisto.core.internal.table;

import dev.mephisto.ConfigurationException;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.core.internal.offsets.Delivery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A {@link Table}: typed keys and values over a {@link TableCore}.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TableImpl<K, V> implements Table<K, V> {
  private final TableCore core;
  private final TableSpec<K, V> spec;

  TableImpl(TableCore core, TableSpec<K, V> spec) {
    this.core = core;
    this.spec = spec;
  }

  TableCore core() {
    return core;
  }

  @Override
  public String name() {
    return core.name;
  }

  private void requirePlain() {
    if (core.kind() != TableCore.Kind.PLAIN) {
      throw new ConfigurationException("Table '" + core.name + "' is " + core.kind().name()
          .toLowerCase(java.util.Locale.ROOT) + "; read and write it through what declared it");
    }
  }

  @Override
  public Optional<V> get(K key) {
    requirePlain();
    byte[] k = core.encodeKey(key);
    byte[] v = core.get(k, k);
    return v == null ? Optional.empty() : Optional.of(core.decodeValue(v, spec.valueType()));
  }

  @Override
  public V getOrDefault(K key) {
    return get(key).orElseGet(() -> defaultFor(key));
  }

  V defaultFor(Object key) {
    return Defaults.forKey(spec, key,
        v -> core.decodeValue(core.encodeValue(v), spec.valueType()), "Table", core.name);
  }

  private V decodeOr(byte[] bytes, Object key) {
    return bytes == null ? defaultFor(key) : core.decodeValue(bytes, spec.valueType());
  }

  @Override
  public void put(K key, V value) {
    requirePlain();
    byte[] k = core.encodeKey(key);
    writeEntry(key, k, core.encodeValue(value));
  }

  /** Writes (or, with null bytes, deletes) one entry under its partition's lock. */
  private void writeEntry(K key, byte[] k, byte[] v) {
    Delivery d = core.current();
    // null: the record's partition was revoked, and its next holder applies this write
    core.write(core.partitionFor(k, d), d, key, w -> {
      w.put(k, v);
      return Boolean.TRUE;
    });
    core.changed(key);
  }

  @Override
  public V update(K key, UnaryOperator<V> fn) {
    requirePlain();
    Objects.requireNonNull(fn, "fn");
    byte[] k = core.encodeKey(key);
    Delivery d = core.current();
    int p = core.partitionFor(k, d);
    V now = core.write(p, d, key, w -> {
      V after = Objects.requireNonNull(fn.apply(decodeOr(w.get(k), key)), () -> "update of table '"
          + core.name + "' key '" + key + "' returned null; use remove(key) to delete");
      w.put(k, core.encodeValue(after));
      return after;
    });
    if (now == null) {
      // the record's partition was revoked: its next holder applies this update
      return fn.apply(decodeOr(core.part(p).read(k, true), key));
    }
    core.changed(key);
    return now;
  }

  @Override
  public void remove(K key) {
    requirePlain();
    writeEntry(key, core.encodeKey(key), null);
  }

  @Override
  public boolean containsKey(K key) {
    requirePlain();
    byte[] k = core.encodeKey(key);
    return core.get(k, k) != null;
  }

  @Override
  public Set<K> keys() {
    requirePlain();
    Set<K> keys = new LinkedHashSet<>();
    core.scan(null, null, null, e -> keys.add(core.decodeKey(e.key(), spec.keyType())));
    return keys;
  }

  @Override
  public List<V> values() {
    requirePlain();
    List<V> values = new ArrayList<>();
    core.scan(null, null, null, e -> values.add(core.decodeValue(e.value(), spec.valueType())));
    return values;
  }

  @Override
  public List<KeyValue<K, V>> items() {
    requirePlain();
    List<KeyValue<K, V>> items = new ArrayList<>();
    core.scan(null, null, null, e -> items.add(KeyValue.of(core.decodeKey(e.key(), spec.keyType()),
        core.decodeValue(e.value(), spec.valueType()))));
    return items;
  }

  @Override
  public int size() {
    requirePlain();
    return (int) Math.min(Integer.MAX_VALUE, core.size());
  }

  @Override
  public <T, R> Table<K, R> join(Table<K, T> other,
      BiFunction<? super V, ? super T, ? extends R> joiner, TableSpec<K, R> result) {
    return TableJoin.declare(this, other, TableJoin.Type.INNER, joiner, result);
  }

  @Override
  public <T, R> Table<K, R> leftJoin(Table<K, T> other,
      BiFunction<? super V, ? super T, ? extends R> joiner, TableSpec<K, R> result) {
    return TableJoin.declare(this, other, TableJoin.Type.LEFT, joiner, result);
  }

  @Override
  public <T, R> Table<K, R> outerJoin(Table<K, T> other,
      BiFunction<? super V, ? super T, ? extends R> joiner, TableSpec<K, R> result) {
    return TableJoin.declare(this, other, TableJoin.Type.OUTER, joiner, result);
  }

  TableSpec<K, V> spec() {
    return spec;
  }

  @Override
  public String toString() {
    return "Table[" + core.name + "]";
  }
}
