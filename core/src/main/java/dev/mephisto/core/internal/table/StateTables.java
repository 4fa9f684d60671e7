package dev.mephisto.core.internal.table;

import dev.mephisto.ConfigurationException;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.core.internal.state.PartitionLayout;
import java.time.Duration;
import java.util.Map;

/**
 * The tables that stream operators and joins keep for themselves (internal API): declared when a
 * stream opens them, which is in the agent's body, after the app started but before the worker
 * joins its group (and, for a body restarted later, found again by name). Each is an ordinary
 * table partition by partition: store stack, write cache, changelog, restore, standbys; sharded
 * like the stream that writes it, so its writes go to the partition of the record being
 * processed.
 */
public final class StateTables {
  private final TableRuntime runtime;

  StateTables(TableRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * @param retention how long the changelog keeps records
   * @return changelog configs of tables whose entries expire: compacted, and deleted by time
   */
  static Map<String, String> windowedConfigs(Duration retention) {
    return Map.of("cleanup.policy", "compact,delete",
        "retention.ms", String.valueOf(Math.max(1, retention.toMillis())));
  }

  /**
   * Declares a state table, or finds the one declared under that name.
   *
   * @param spec name, key and value types and codecs
   * @param partitions its partition count: that of the stream writing it
   * @param retention how long its changelog keeps records (entries expire), or null to keep them
   *     (compacted only)
   * @param layout what it derives from its entries (time indexes), or null
   * @return the state
   */
  public StateHandle open(TableSpec<?, ?> spec, int partitions, Duration retention,
      PartitionLayout layout) {
    TableCore core = runtime.declareLate(spec.withPartitions(partitions), c -> {
      c.kind(TableCore.Kind.STATE, "state");
      c.layout = layout;
      if (retention != null) {
        c.changelogConfigs = windowedConfigs(retention);
      }
    });
    if (core.kind() != TableCore.Kind.STATE) {
      throw new ConfigurationException("The state '" + spec.name() + "' of a stream operator or "
          + "join has the name of a table declared by the app; rename one of them");
    }
    return new StateHandle(core);
  }

  /**
   * @param table a table of this runtime
   * @return its partition count (its declared one before start)
   */
  public static int partitionsOf(Table<?, ?> table) {
    return core(table).partitionCount();
  }

  /**
   * @param table a table of this runtime
   * @return true if every worker holds all of it
   */
  public static boolean isGlobal(Table<?, ?> table) {
    return core(table).global;
  }

  /**
   * @param table a table of this runtime
   * @return its changelog topic
   */
  public static String changelogOf(Table<?, ?> table) {
    return core(table).changelog;
  }

  private static TableCore core(Table<?, ?> table) {
    if (table instanceof TableImpl<?, ?> t) {
      return t.core();
    }
    if (table instanceof JoinedTable<?, ?> j) {
      return j.core();
    }
    throw new ConfigurationException("Table '" + table.name() + "' (" + table.getClass().getName()
        + ") was not declared by a Mephisto app; declare it with app.table(...)");
  }
}
