package dev.mephisto.core.internal.cli;

import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.table.TableQueries;
import java.io.PrintWriter;
import java.util.OptionalInt;
import picocli.CommandLine;

/** {@code tables}: the declared tables with partitions, standbys, store and changelog. */
@CommandLine.Command(name = "tables", mixinStandardHelpOptions = true,
    description = "Lists the declared tables: kind, key and value types, partitions, standby "
        + "replicas, store and changelog topic.")
final class TablesCommand implements Runnable {
  private final MephistoApp app;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  TablesCommand(MephistoApp app) {
    this.app = app;
  }

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    String fmt = "%-20s %-8s %-12s %-12s %-12s %-8s %-28s %s%n";
    out.printf(fmt, "TABLE", "KIND", "KEY", "VALUE", "PARTITIONS", "STANDBYS", "STORE", "CHANGELOG");
    app.tableRuntime().ifPresent(rt -> {
      for (TableQueries.Declared d : rt.queries().declared()) {
        out.printf(fmt, d.name(), d.kind(), d.keyType().getSimpleName(),
            d.valueType().getSimpleName(), partitions(d), d.standbyReplicas(), d.store(),
            d.changelog());
      }
    });
    out.flush();
  }

  /** As declared, else as its changelog has them on the broker, else "like its source". */
  private String partitions(TableQueries.Declared d) {
    if (d.partitions() > 0) {
      return Integer.toString(d.partitions());
    }
    if (!app.settings().inMemory()) {
      try {
        OptionalInt n = app.services().transport().partitions(d.changelog());
        if (n.isPresent()) {
          return Integer.toString(n.getAsInt());
        }
      } catch (RuntimeException e) {
        return "? (" + e.getMessage() + ")";
      }
    }
    return "as source";
  }
}
