package dev.mephisto.harness.scale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mephisto.harness.process.WorkerPool;
import dev.mephisto.harness.report.Json;
import dev.mephisto.harness.report.TextTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The printed tables of a scale run and its JSON file. */
public final class ScaleReport {
  private ScaleReport() {}

  /**
   * @param r a run
   * @return the report, as printed
   */
  public static String text(ScaleResult r) {
    ScaleOptions o = r.options();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%n== scale: %d partitions, backlog %,d events, then "
        + "%,.0f events/s; session timeout %s; standby replicas %d; %s membership; %s; %d "
        + "CPUs%n%n", o.partitions(), o.backlog(),
        o.rate(), secs(o.sessionTimeout().toMillis()), o.standbyReplicas(),
        o.staticMembership() ? "static" : "dynamic", r.broker(),
        Runtime.getRuntime().availableProcessors()));
    TextTable t = new TextTable("workers", "events/s", "backlog processed after", "events",
        "never processed", "processed again", "own exits");
    for (ScaleResult.Group g : r.groups()) {
      t.row(g.workers(), String.format(Locale.ROOT, "%,.0f", g.eventsPerSecond()),
          String.format(Locale.ROOT, "%.1f s", g.drainSeconds()), g.events(), g.unprocessed(),
          g.reprocessed(), g.unexpectedExits().size());
    }
    sb.append(t).append('\n');
    sb.append("Pause of a partition: the longest time it had a record waiting and processed "
        + "nothing, around each change (ms)\n");
    TextTable p = new TextTable("workers", "change", "worker", "longest", "median", "shortest",
        "partitions > 1 s", "group changed after", "all resumed after", "restores",
        "longest restore");
    for (ScaleResult.Group g : r.groups()) {
      p.row(g.workers(), "(steady)", "-", ms(PauseAnalyzer.quantile(g.normal(), 1)),
          ms(PauseAnalyzer.quantile(g.normal(), 0.5)), ms(PauseAnalyzer.quantile(g.normal(), 0)),
          over(g.normal(), 1000), "-", "-", "-", "-");
      for (ScaleResult.Change c : g.changes()) {
        p.row(g.workers(), c.kind() + (c.restarted() ? "+restart" : ""), c.worker(),
            ms(c.maxPause()), ms(c.medianPause()), ms(PauseAnalyzer.quantile(c.pauses(), 0)),
            over(c.pauses(), 1000), c.groupMillis() > 0 ? secs(c.groupMillis() - c.atMillis())
                : "NEVER", c.settledMillis() > 0 ? secs(c.settledMillis() - c.atMillis()) : "NEVER",
            c.restores().size(), c.restores().isEmpty() ? "-" : ms(c.longestRestore()));
      }
    }
    sb.append(p).append('\n');
    sb.append("Pause per partition (s):\n");
    for (ScaleResult.Group g : r.groups()) {
      for (ScaleResult.Change c : g.changes()) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %d workers %-6s",
            g.workers(), c.kind()));
        for (int i = 0; i < c.pauses().length; i++) {
          line.append(String.format(Locale.ROOT, " p%d %s", i, c.pauses()[i] == PauseAnalyzer.NEVER
              ? "never" : String.format(Locale.ROOT, "%.1f", c.pauses()[i] / 1000.0)));
        }
        sb.append(line).append('\n');
      }
    }
    for (ScaleResult.Group g : r.groups()) {
      g.notes().forEach(n -> sb.append("Note (").append(g.workers()).append(" workers): ")
          .append(n).append('\n'));
      for (WorkerPool.UnexpectedExit x : g.unexpectedExits()) {
        sb.append(String.format(Locale.ROOT, "Worker %d of %s exited on its own with %d; see %s%n",
            x.worker(), g.appId(), x.exitCode(), x.log()));
      }
    }
    return sb.toString();
  }

  /**
   * @param file where to write
   * @param r a run
   * @throws IOException if it cannot be written
   */
  public static void json(Path file, ScaleResult r) throws IOException {
    ScaleOptions o = r.options();
    ObjectNode root = Json.reportRoot("scale");
    root.put("broker", r.broker());
    ObjectNode set = root.putObject("settings");
    o.workerCounts().forEach(set.putArray("workers")::add);
    set.put("partitions", o.partitions());
    set.put("backlog", o.backlog());
    set.put("keys", o.keys());
    set.put("rate", o.rate());
    set.put("settleMs", o.settle().toMillis());
    set.put("sessionTimeoutMs", o.sessionTimeout().toMillis());
    set.put("standbyReplicas", o.standbyReplicas());
    set.put("staticMembership", o.staticMembership());
    o.commitInterval().ifPresent(d -> set.put("commitIntervalMs", d.toMillis()));
    set.put("workerJvm", o.workerJvm().toString());
    root.put("pauseDefinition", "per partition: the longest time in which it had a record "
        + "produced and not yet processed while no record of it was processed (from the marks "
        + "the workers write), over waits that overlap [change, every partition resumed]");
    ArrayNode groups = root.putArray("groups");
    for (ScaleResult.Group g : r.groups()) {
      ObjectNode n = groups.addObject();
      n.put("workers", g.workers());
      n.put("appId", g.appId());
      n.put("eventsPerSecond", g.eventsPerSecond());
      n.put("backlogProcessedAfterS", g.drainSeconds());
      n.put("events", g.events());
      n.put("unprocessed", g.unprocessed());
      n.put("reprocessed", g.reprocessed());
      n.put("unexpectedExits", g.unexpectedExits().size());
      ArrayNode normal = n.putArray("steadyPauseMsPerPartition");
      for (long v : g.normal()) {
        normal.add(v);
      }
      ArrayNode changes = n.putArray("changes");
      for (ScaleResult.Change c : g.changes()) {
        ObjectNode cn = changes.addObject();
        cn.put("kind", c.kind());
        cn.put("worker", c.worker());
        cn.put("restarted", c.restarted());
        cn.put("groupChangedAfterMs", c.groupMillis() > 0 ? c.groupMillis() - c.atMillis() : -1);
        cn.put("resumedAfterMs", c.settledMillis() > 0 ? c.settledMillis() - c.atMillis() : -1);
        cn.put("longestPauseMs", c.maxPause());
        cn.put("medianPauseMs", c.medianPause());
        ArrayNode ps = cn.putArray("pauseMsPerPartition");
        for (long v : c.pauses()) {
          ps.add(v == PauseAnalyzer.NEVER ? -1 : v);
        }
        ArrayNode rs = cn.putArray("restores");
        for (RestoreLog.Restore x : c.restores()) {
          ObjectNode rn = rs.addObject();
          rn.put("atMsAfterChange", x.atMillis() - c.atMillis());
          rn.put("worker", x.worker());
          rn.put("table", x.table());
          rn.put("partitions", x.partitions());
          rn.put("records", x.records());
          rn.put("ms", x.millis());
        }
      }
      g.notes().forEach(n.putArray("notes")::add);
    }
    Json.write(file, root);
  }

  private static String ms(long v) {
    return v == PauseAnalyzer.NEVER ? "never" : String.format(Locale.ROOT, "%,d", v);
  }

  private static String secs(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static long over(long[] values, long limit) {
    long n = 0;
    for (long v : values) {
      if (v > limit) {
        n++;
      }
    }
    return n;
  }
}
