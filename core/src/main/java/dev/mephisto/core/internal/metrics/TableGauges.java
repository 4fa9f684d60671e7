package dev.mephisto.core.internal.metrics;

import dev.mephisto.core.internal.state.StateStats;
import dev.mephisto.core.internal.table.TableQueries;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.store.StoreMemory;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the tables this worker holds: approximate entries by table and role, the write
 * cache's hits and misses, and the memory of their stores. The stats are read once per scrape
 * (a snapshot serves every gauge read within {@link #FRESH_NANOS}), not once per gauge.
 */
public final class TableGauges {
  /** A snapshot this young serves the gauges of one scrape. */
  static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final TableRuntime tables;
  private final Map<String, String> storeOf = new LinkedHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private Map<String, TableRuntime.TableStats> last = Map.of();
  private long readAt;
  private boolean read;

  private TableGauges(TableRuntime tables) {
    this.tables = tables;
  }

  /**
   * @param metrics where they go
   * @param tables the app's tables
   */
  public static void register(WorkerMetrics metrics, TableRuntime tables) {
    TableQueries q = tables.queries();
    TableGauges g = new TableGauges(tables);
    for (TableQueries.Declared d : q.declared()) {
      String t = d.name();
      g.storeOf.put(t, d.store());
      for (String role : new String[] {"active", "standby"}) {
        metrics.gauge(MeterNames.TABLE_ENTRIES, "Approximate entries in the table partitions held",
            Tags.of("table", t, "role", role), q, x -> entries(x, t, role));
      }
      Tags tt = Tags.of("table", t);
      metrics.counter(MeterNames.CACHE_HITS, "Table reads the write cache answered", tt, g,
          x -> x.state(t).cacheHits());
      metrics.counter(MeterNames.CACHE_MISSES, "Table reads that went to the store", tt, g,
          x -> x.state(t).cacheMisses());
      metrics.gauge(MeterNames.CACHE_HIT_RATIO, "Share of table reads the write cache answered",
          tt, g, x -> ratio(x.state(t)));
      metrics.gauge(MeterNames.MEMTABLES, "Bytes of the table's store write buffers", tt, g,
          x -> x.memory(t).memtableBytes());
      metrics.gauge(MeterNames.TABLE_READERS, "Bytes of index and filter blocks outside the cache",
          tt, g, x -> x.memory(t).tableReaderBytes());
    }
    metrics.gauge(MeterNames.BLOCK_CACHE, "Bytes in use in the stores' block caches, each once",
        Tags.empty(), g, x -> x.blockCache(StoreMemory::blockCacheBytes));
    metrics.gauge(MeterNames.BLOCK_CACHE_PINNED, "Bytes of the block caches pinned, each once",
        Tags.empty(), g, x -> x.blockCache(StoreMemory::blockCachePinnedBytes));
  }

  private static double entries(TableQueries q, String table, String role) {
    Map<Integer, Long> m = q.entries().getOrDefault(table, Map.of()).getOrDefault(role, Map.of());
    long n = 0;
    for (long v : m.values()) {
      n += v;
    }
    return n;
  }

  /** @return hits over reads, NaN before the first read */
  static double ratio(StateStats s) {
    long reads = s.cacheHits() + s.cacheMisses();
    return reads == 0 ? Double.NaN : (double) s.cacheHits() / reads;
  }

  private Map<String, TableRuntime.TableStats> snapshot() {
    lock.lock();
    try {
      long now = System.nanoTime();
      if (!read || now - readAt > FRESH_NANOS) {
        last = tables.stats();
        readAt = now;
        read = true;
      }
      return last;
    } finally {
      lock.unlock();
    }
  }

  private StateStats state(String table) {
    TableRuntime.TableStats s = snapshot().get(table);
    return s == null ? StateStats.EMPTY : s.state();
  }

  private StoreMemory memory(String table) {
    TableRuntime.TableStats s = snapshot().get(table);
    return s == null ? StoreMemory.UNKNOWN : s.memory();
  }

  /**
   * A block cache is shared by the stores of one store URL (RocksDB: one path), and every table
   * there reports the same figure: each URL counts once.
   */
  private double blockCache(ToDoubleFunction<StoreMemory> figure) {
    Map<String, Double> byStore = new HashMap<>();
    snapshot().forEach((t, s) ->
        byStore.merge(storeOf.getOrDefault(t, t), figure.applyAsDouble(s.memory()), Math::max));
    double n = 0;
    for (double v : byStore.values()) {
      n += v;
    }
    return n;
  }
}
