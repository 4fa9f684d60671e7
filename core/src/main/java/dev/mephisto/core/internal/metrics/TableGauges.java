package dev.mephisto.core.internal.metrics;

import dev.mephisto.core.internal.table.TableQueries;
import dev.mephisto.core.internal.table.TableRuntime;
import io.micrometer.core.instrument.Tags;
import java.util.Map;

/** Gauges of the tables this worker holds: approximate entries by table and role. */
public final class TableGauges {
  private TableGauges() {}

  /**
   * @param metrics where they go
   * @param tables the app's tables
   */
  public static void register(WorkerMetrics metrics, TableRuntime tables) {
    TableQueries q = tables.queries();
    for (TableQueries.Declared d : q.declared()) {
      for (String role : new String[] {"active", "standby"}) {
        metrics.gauge(MeterNames.TABLE_ENTRIES, "Approximate entries in the table partitions held",
            Tags.of("table", d.name(), "role", role), q, x -> entries(x, d.name(), role));
      }
    }
  }

  private static double entries(TableQueries q, String table, String role) {
    Map<Integer, Long> m = q.entries().getOrDefault(table, Map.of()).getOrDefault(role, Map.of());
    long n = 0;
    for (long v : m.values()) {
      n += v;
    }
    return n;
  }
}
