package dev.mephisto.harness.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mephisto.harness.Timeline;
import dev.mephisto.harness.process.LogDigest;
import dev.mephisto.harness.process.WorkerPool;
import dev.mephisto.harness.report.Json;
import dev.mephisto.harness.report.TextTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The printed report of a chaos run and its JSON file. */
public final class ChaosReport {
  private ChaosReport() {}

  /**
   * @param r a run
   * @return the report, as printed
   */
  public static String text(ChaosResult r) {
    ChaosOptions o = r.options();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%n== chaos %s: %s, %d workers, %,d events, %s%n",
        r.appId(), r.guarantee(), o.workers(), o.events(), r.broker()));
    TextTable t = new TextTable("figure", "value", "");
    t.row("events/s", fmt(r.eventsPerSecond()), String.format(Locale.ROOT,
        "%,d events in %.1f s, from the workers' start until everything was processed",
        o.events(), r.seconds()));
    t.row("kills", r.kills(), o.killEvery().isZero() ? "none asked"
        : "kill -9 every " + secs(o.killEvery().toMillis()) + ", restarted after "
            + secs(o.restartDelay().toMillis()));
    t.row("unexpected exits", r.unexpectedExits().size(), "workers that ended on their own");
    t.row("lost", r.lost(), "events without an output, counts below expected (all checks)");
    t.row("duplicates", r.duplicates(), "outputs and counts above expected (all checks)");
    t.row("longest stall", secs(r.longestStallMillis()), r.longestStallFrom() > 0
        ? "from " + at(r, r.longestStallFrom()) + ": records waited, committed offsets did not move"
        : "");
    t.row("first commit", r.firstProgressMillis() > 0
        ? secs(r.firstProgressMillis() - r.startMillis()) : "never", "after the workers' start");
    t.row("drain", r.drainedMillis() > 0 ? secs(r.drainedMillis() - r.produceEndMillis())
        : "NOT DRAINED", "after the last input event was written");
    sb.append(t);
    sb.append('\n');
    TextTable c = new TextTable("check", "result", "expected", "lost", "duplicates", "unexpected",
        "rule");
    for (Check k : r.checks()) {
      c.row(k.name(), k.passed() ? "PASS" : "FAIL", k.expected(), k.lost(), k.duplicates(),
          k.unexpected(), k.rule());
    }
    sb.append(c);
    for (Check k : r.checks()) {
      if (!k.examples().isEmpty()) {
        sb.append(String.format(Locale.ROOT, "%n%s %s, e.g.:%n", k.passed() ? "Differences in"
            : "FAILED", k.name()));
        k.examples().forEach(e -> sb.append("  ").append(e).append('\n'));
      }
    }
    for (WorkerPool.UnexpectedExit x : r.unexpectedExits()) {
      sb.append(String.format(Locale.ROOT, "%nWorker %d (incarnation %d) exited on its own with "
          + "status %d at %s; last lines of %s:%n", x.worker(), x.incarnation(), x.exitCode(),
          at(r, x.timeMillis()), x.log()));
      x.logTail().stream().filter(l -> !l.startsWith("\tat ")).limit(15)
          .forEach(l -> sb.append("  | ").append(l).append('\n'));
    }
    sb.append(digest(r.logDigest()));
    r.notes().forEach(n -> sb.append("\nNote: ").append(n).append('\n'));
    long failed = r.checks().stream().filter(k -> !k.passed()).count();
    sb.append(String.format(Locale.ROOT, "%nVERDICT %s: %s%n", r.guarantee(), failed == 0
        ? "PASS (" + r.checks().size() + " checks)"
        : "FAIL (" + failed + " of " + r.checks().size() + " checks failed)"));
    return sb.toString();
  }

  /**
   * @param file where to write
   * @param r a run
   * @throws IOException if it cannot be written
   */
  public static void json(Path file, ChaosResult r) throws IOException {
    ChaosOptions o = r.options();
    ObjectNode root = Json.reportRoot("chaos");
    root.put("appId", r.appId());
    root.put("guarantee", r.guarantee().name());
    root.put("broker", r.broker());
    root.put("passed", r.passed());
    ObjectNode set = root.putObject("settings");
    set.put("events", o.events());
    set.put("workers", o.workers());
    set.put("killEveryMs", o.killEvery().toMillis());
    set.put("minKills", o.minKills());
    set.put("maxKills", o.maxKills());
    set.put("rate", o.rate());
    set.put("seed", o.seed());
    set.put("partitions", o.partitions());
    set.put("accounts", o.accounts());
    set.put("windowMs", o.window().toMillis());
    set.put("batchSize", o.batchSize());
    set.put("batchWithinMs", o.batchWithin().toMillis());
    set.put("sessionTimeoutMs", o.sessionTimeout().toMillis());
    o.transactionTimeout().ifPresent(d -> set.put("transactionTimeoutMs", d.toMillis()));
    o.commitInterval().ifPresent(d -> set.put("commitIntervalMs", d.toMillis()));
    set.put("restartDelayMs", o.restartDelay().toMillis());
    set.put("workerJvm", o.workerJvm().toString());
    set.put("sabotage", Sabotage.format(o.sabotage()));
    ObjectNode fig = root.putObject("figures");
    fig.put("seconds", r.seconds());
    fig.put("eventsPerSecond", r.eventsPerSecond());
    fig.put("kills", r.kills());
    fig.put("unexpectedExits", r.unexpectedExits().size());
    fig.put("lost", r.lost());
    fig.put("duplicates", r.duplicates());
    fig.put("longestStallMs", r.longestStallMillis());
    fig.put("longestStallFromS", r.longestStallFrom() > 0
        ? (r.longestStallFrom() - r.startMillis()) / 1000.0 : -1);
    fig.put("firstCommitMs", r.firstProgressMillis() > 0
        ? r.firstProgressMillis() - r.startMillis() : -1);
    fig.put("drainMsAfterLastInput", r.drainedMillis() > 0
        ? r.drainedMillis() - r.produceEndMillis() : -1);
    ArrayNode checks = root.putArray("checks");
    for (Check k : r.checks()) {
      ObjectNode n = checks.addObject();
      n.put("name", k.name());
      n.put("rule", k.rule());
      n.put("passed", k.passed());
      n.put("expected", k.expected());
      n.put("lost", k.lost());
      n.put("duplicates", k.duplicates());
      n.put("unexpected", k.unexpected());
      k.examples().forEach(n.putArray("examples")::add);
    }
    ArrayNode exits = root.putArray("unexpectedExits");
    for (WorkerPool.UnexpectedExit x : r.unexpectedExits()) {
      ObjectNode n = exits.addObject();
      n.put("atS", (x.timeMillis() - r.startMillis()) / 1000.0);
      n.put("worker", x.worker());
      n.put("incarnation", x.incarnation());
      n.put("exitCode", x.exitCode());
      n.put("log", x.log().toString());
      x.logTail().forEach(n.putArray("logTail")::add);
    }
    ObjectNode stops = root.putObject("exitCodesAtStop");
    r.stopExitCodes().forEach((w, code) -> stops.put(Integer.toString(w), code));
    ArrayNode tl = root.putArray("timeline");
    for (Timeline.Entry e : r.timeline().entries()) {
      ObjectNode n = tl.addObject();
      n.put("atS", (e.timeMillis() - r.startMillis()) / 1000.0);
      n.put("kind", e.kind());
      n.put("worker", e.worker());
      n.put("detail", e.detail());
    }
    digestJson(root.putArray("logDigest"), r.logDigest());
    r.notes().forEach(root.putArray("notes")::add);
    root.put("workDir", r.workDir().toString());
    Json.write(file, root);
  }

  /**
   * @param entries a log digest
   * @return it as text, empty if there is nothing
   */
  public static String digest(List<LogDigest.Entry> entries) {
    if (entries.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\nErrors and warnings in the worker logs (count, logs, "
        + "first line):\n");
    for (LogDigest.Entry e : entries) {
      String line = e.first().length() > 300 ? e.first().substring(0, 300) + "..." : e.first();
      sb.append(String.format(Locale.ROOT, "  %5d x in %d log(s), first in %s:%n    %s%n",
          e.count(), e.logs(), e.firstLog(), line));
    }
    return sb.toString();
  }

  static void digestJson(ArrayNode array, List<LogDigest.Entry> entries) {
    for (LogDigest.Entry e : entries) {
      ObjectNode n = array.addObject();
      n.put("level", e.level());
      n.put("pattern", e.pattern());
      n.put("count", e.count());
      n.put("logs", e.logs());
      n.put("first", e.first());
      n.put("firstLog", e.firstLog());
    }
  }

  private static String at(ChaosResult r, long millis) {
    return secs(millis - r.startMillis());
  }

  private static String secs(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
