package dev.mephisto.core.internal.table;

import dev.mephisto.core.internal.state.Role;
import dev.mephisto.core.internal.state.StatePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads of tables for the web server and the CLI (internal API): what is declared, one key's
 * value from the partitions this worker holds, scans by prefix or range with a limit, and sizes.
 * Only plain and global tables are read by key; windowed and set tables are listed.
 */
public final class TableQueries {
  /**
   * A declared table.
   *
   * @param name its name
   * @param kind {@code table}, {@code global}, {@code windowed} or {@code set}
   * @param keyType its key type
   * @param valueType its value type
   * @param partitions its partition count (as declared, or as resolved once started; 0 unknown)
   * @param standbyReplicas warm copies wanted on other workers
   * @param store its store URL
   * @param changelog its changelog topic
   */
  public record Declared(String name, String kind, Class<?> keyType, Class<?> valueType,
      int partitions, int standbyReplicas, String store, String changelog) {}

  /**
   * The answer to a lookup on this worker.
   *
   * @param partition the key's partition
   * @param held whether this worker holds that partition readable (active or global)
   * @param value the value, if present
   */
  public record Lookup(int partition, boolean held, Optional<Object> value) {}

  /**
   * One entry of a scan.
   *
   * @param key the decoded key
   * @param value the decoded value
   * @param partition its partition
   */
  public record Entry(Object key, Object value, int partition) {}

  private final TableRuntime runtime;

  TableQueries(TableRuntime runtime) {
    this.runtime = runtime;
  }

  private static String kind(TableCore c) {
    return c.global ? "global" : c.kind() == TableCore.Kind.PLAIN ? "table"
        : c.kind().name().toLowerCase(Locale.ROOT);
  }

  /** @return every declared table */
  public List<Declared> declared() {
    List<Declared> l = new ArrayList<>();
    for (TableCore c : runtime.cores()) {
      int n = runtime.detached() ? c.declaredPartitions.orElse(0) : c.partitionCount();
      l.add(new Declared(c.name, kind(c), c.keyType, c.valueType, n, c.standbyReplicas, c.storeUrl,
          c.changelog));
    }
    return l;
  }

  /**
   * @param table a table name
   * @return its declaration
   */
  public Optional<Declared> declared(String table) {
    return declared().stream().filter(d -> d.name().equals(table)).findFirst();
  }

  private TableCore core(String table) {
    for (TableCore c : runtime.cores()) {
      if (c.name.equals(table)) {
        return c;
      }
    }
    throw new IllegalArgumentException("No table named '" + table + "'");
  }

  private static void requireKeyed(TableCore c) {
    if (c.kind() != TableCore.Kind.PLAIN) {
      throw new IllegalArgumentException("Table '" + c.name + "' is a " + kind(c) + " table; "
          + "lookups by key serve plain and global tables");
    }
  }

  /**
   * The partitions a key may live in: the hash of its bytes in the table's key codec (writes
   * outside stream processing), then the hash of each other encoding given (writes made while
   * processing records keyed by a topic's key codec land in that record's partition).
   *
   * @param table a table name
   * @param key a key of the table's key type
   * @param otherEncodings the key's bytes in the key codecs of the topics that may feed it
   * @return distinct partitions, most likely first
   */
  public List<Integer> candidatePartitions(String table, Object key, List<byte[]> otherEncodings) {
    TableCore c = core(table);
    java.util.LinkedHashSet<Integer> s = new java.util.LinkedHashSet<>();
    s.add(c.hashPartition(c.encodeKey(key)));
    if (!c.global) {
      otherEncodings.forEach(b -> s.add(c.hashPartition(b)));
    }
    return List.copyOf(s);
  }

  /**
   * @param table a table name
   * @return its partition count
   */
  public int partitions(String table) {
    return core(table).partitionCount();
  }

  /**
   * Reads one key from this worker's copy of one partition.
   *
   * @param table a plain or global table
   * @param key a key of its key type
   * @param partition the partition to read
   * @return whether the partition is held here, and the value
   */
  public Lookup get(String table, Object key, int partition) {
    TableCore c = core(table);
    requireKeyed(c);
    byte[] k = c.encodeKey(key);
    StatePartition tp = c.part(partition);
    if (!tp.role().readable()) {
      return new Lookup(partition, false, Optional.empty());
    }
    Optional<byte[]> v = Optional.ofNullable(tp.read(k, false));
    return new Lookup(partition, true, v.map(b -> c.decodeValue(b, c.valueType)));
  }

  /**
   * Scans the partitions this worker holds readable (every entry is decoded: table keys are
   * usually JSON, whose byte order is not the keys' order, so prefixes and ranges are tested on
   * decoded keys).
   *
   * @param table a plain or global table
   * @param filter keep only the keys it accepts
   * @param limit at most this many entries
   * @return the entries, partition by partition in key byte order
   */
  public List<Entry> scan(String table, Predicate<Object> filter, int limit) {
    TableCore c = core(table);
    requireKeyed(c);
    List<Entry> out = new ArrayList<>();
    for (int p = 0; p < c.parts().length && out.size() < limit; p++) {
      StatePartition tp = c.part(p);
      if (!tp.role().readable()) {
        continue;
      }
      try {
        tp.scan(null, null, false, e -> {
          if (KeyBytes.isMarker(e.key())) {
            return;
          }
          Object key = c.decodeKey(e.key(), c.keyType);
          if (filter.test(key)) {
            out.add(new Entry(key, c.decodeValue(e.value(), c.valueType), tp.partition()));
            if (out.size() >= limit) {
              throw Full.INSTANCE;
            }
          }
        });
      } catch (Full full) {
        break;
      }
    }
    return out;
  }

  /**
   * @return per table, the approximate entries in the partitions held here, by role ({@code
   *     active} includes global copies, {@code standby}), then by partition
   */
  public Map<String, Map<String, Map<Integer, Long>>> entries() {
    Map<String, Map<String, Map<Integer, Long>>> m = new TreeMap<>();
    for (TableCore c : runtime.cores()) {
      Map<String, Map<Integer, Long>> byRole = m.computeIfAbsent(c.name, n -> new TreeMap<>());
      byRole.put("active", new TreeMap<>());
      byRole.put("standby", new TreeMap<>());
      if (runtime.detached()) {
        continue;
      }
      for (StatePartition tp : c.parts()) {
        Role r = tp.role();
        String role = r == Role.STANDBY ? "standby" : r.readable() || r == Role.SUSPENDED ? "active" : null;
        if (role != null) {
          byRole.get(role).put(tp.partition(), tp.approximateCount());
        }
      }
    }
    return m;
  }

  /** Ends a scan once it has its entries (the store's iterator is closed on the way out). */
  private static final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Full INSTANCE = new Full();

    private Full() {
      super(null, null, false, false);
    }
  }
}
