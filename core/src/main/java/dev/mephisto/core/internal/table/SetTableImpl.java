package dev.mephisto.core.internal.table;

import dev.mephisto.SetTable;
import dev.mephisto.core.internal.offsets.Delivery;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A {@link SetTable}: one entry per (key, element), {@link KeyBytes#composite}, so {@code add} is
 * a put and {@code discard} a tombstone of its own changelog record. Concurrent changes to one
 * key's set never overwrite each other, and compaction keeps exactly the elements present
 * (Faust logs whole operations under one key, which compaction can lose).
 *
 * @param <K> key type
 * @param <E> element type
 */
final class SetTableImpl<K, E> implements SetTable<K, E> {
  private static final byte[] PRESENT = {1};

  private final TableCore core;
  private final Class<K> keyType;
  private final Class<E> elementType;

  SetTableImpl(TableCore core, Class<K> keyType, Class<E> elementType) {
    this.core = core;
    this.keyType = keyType;
    this.elementType = elementType;
  }

  @Override
  public String name() {
    return core.name;
  }

  @Override
  public Set<E> get(K key) {
    byte[] k = core.encodeKey(key);
    byte[] prefix = KeyBytes.prefix(k);
    Set<E> out = new LinkedHashSet<>();
    core.scan(k, prefix, KeyBytes.successor(prefix),
        e -> out.add(core.decodeValue(KeyBytes.suffix(e.key()), elementType)));
    return out;
  }

  @Override
  public void add(K key, E element) {
    change(key, element, true);
  }

  @Override
  public void discard(K key, E element) {
    change(key, element, false);
  }

  private void change(K key, E element, boolean add) {
    byte[] k = core.encodeKey(key);
    byte[] entry = KeyBytes.composite(k, core.encodeValue(element));
    Delivery d = core.current();
    // null: the record's partition was revoked, and its next holder applies this change
    core.write(core.partitionFor(k, d), d, key, w -> {
      boolean present = w.get(entry) != null;
      if (add && !present) {
        w.put(entry, PRESENT);
      } else if (!add && present) {
        w.put(entry, null);
      }
      return Boolean.TRUE;
    });
  }

  @Override
  public Set<K> keys() {
    Set<K> keys = new LinkedHashSet<>();
    core.scan(null, null, null, e -> keys.add(core.decodeKey(KeyBytes.tableKey(e.key()), keyType)));
    return keys;
  }

  @Override
  public String toString() {
    return "SetTable[" + core.name + "]";
  }
}
