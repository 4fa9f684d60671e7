package dev.mephisto.harness.scale;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import dev.mephisto.harness.Poll;
import dev.mephisto.harness.Timeline;
import dev.mephisto.harness.WorkerMain;
import dev.mephisto.harness.WorkerSettings;
import dev.mephisto.harness.kafka.Broker;
import dev.mephisto.harness.kafka.DrainWatch;
import dev.mephisto.harness.kafka.GroupProgress;
import dev.mephisto.harness.kafka.PacedProducer;
import dev.mephisto.harness.process.JvmCommand;
import dev.mephisto.harness.process.WorkerPool;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One scale run: for each worker count n, a fresh app of n worker processes drains a backlog
 * (throughput), then, under a steady input rate, a worker joins, the same worker leaves (SIGTERM)
 * and worker 0 is killed (-9; in a group of one it is started again), each change followed by
 * the time the group takes to resume every partition. Pauses are computed afterwards from the
 * marks the workers wrote ({@link ScaleObservation}).
 */
public final class ScaleRun {
  private static final Duration SAMPLE = Duration.ofMillis(200);
  private static final String PAD = "x".repeat(48);

  private final ScaleOptions o;
  private final Broker broker;
  private final PrintStream out;
  private final long origin = System.currentTimeMillis();

  /**
   * @param options the settings
   * @param broker the cluster
   * @param out where progress is printed
   */
  public ScaleRun(ScaleOptions options, Broker broker, PrintStream out) {
    this.o = options;
    this.broker = broker;
    this.out = out;
  }

  /**
   * @return what it measured
   * @throws IOException if the work directory cannot be written
   */
  public ScaleResult run() throws IOException {
    List<ScaleResult.Group> groups = new ArrayList<>();
    String runId = Long.toString(System.currentTimeMillis(), 36);
    for (int n : o.workerCounts()) {
      groups.add(group(n, "scale-" + n + "w-" + runId));
    }
    return new ScaleResult(o, broker.description(), groups);
  }

  private ScaleResult.Group group(int n, String appId) throws IOException {
    Path workDir = o.workDir().resolve(appId).toAbsolutePath();
    Files.createDirectories(workDir);
    WorkerSettings s = new WorkerSettings("scale", appId, broker.bootstrap(),
        ProcessingGuarantee.AT_LEAST_ONCE, o.partitions(), o.replicationFactor(),
        o.sessionTimeout(), Optional.empty(), o.commitInterval(), workDir);
    Properties p = new Properties();
    s.write(p);
    p.setProperty(ScaleApp.STANDBY_REPLICAS, Integer.toString(o.standbyReplicas()));
    p.setProperty(ScaleApp.STATIC_MEMBERSHIP, Boolean.toString(o.staticMembership()));
    Path config = workDir.resolve(WorkerSettings.FILE);
    try (Writer w = Files.newBufferedWriter(config)) {
      p.store(w, "scale run " + appId);
    }
    broker.createTopic(s.input(), o.partitions());
    print("%s: %d worker(s), %d partitions, backlog %,d events, then %,.0f events/s", appId, n,
        o.partitions(), o.backlog(), o.rate());
    Codec json = Codecs.get("json");
    List<String> notes = new ArrayList<>();
    List<ScaleResult.Change> changes = new ArrayList<>();
    Timeline timeline = new Timeline();
    JvmCommand cmd = JvmCommand.likeThisJvm(o.workerJvm(), WorkerMain.class,
        List.of(config.toString()));
    DrainWatch watch = new DrainWatch(broker, appId, List.of(s.input()));
    long start;
    long drained;
    long steadyFrom;
    List<WorkerPool.UnexpectedExit> exits;
    try (WorkerPool pool = new WorkerPool(cmd, workDir.resolve("logs"), timeline, true,
        Duration.ZERO)) {
      try (PacedProducer backlog = new PacedProducer(broker, i -> record(s, json, i), o.backlog(), 0)) {
        backlog.start(0).awaitDone(Duration.ofMinutes(10));
      }
      start = System.currentTimeMillis();
      pool.startNew(n);
      drained = awaitDrained(watch, Duration.ofMinutes(10));
      if (drained < 0) {
        notes.add("The backlog was not processed within 10 minutes");
      }
      print("backlog processed %.1f s after the workers' start", (drained - start) / 1000.0);
      try (PacedProducer steady = new PacedProducer(broker, i -> record(s, json, i),
          Long.MAX_VALUE, o.rate())) {
        steady.start(o.backlog());
        steadyFrom = System.currentTimeMillis();
        Poll.sleepUntil(steadyFrom + o.settle().toMillis(), () -> false);

        Set<String> before = members(watch);
        long at = System.currentTimeMillis();
        int joiner = pool.startNew();
        changes.add(change("join", joiner, at, before, n + 1, false, true, watch, notes, false));
        before = members(watch);
        at = System.currentTimeMillis();
        pool.stop(joiner, Duration.ofSeconds(60));
        changes.add(change("leave", joiner, at, before, n, true, false, watch, notes, false));
        boolean restart = n == 1;
        before = members(watch);
        at = System.currentTimeMillis();
        pool.kill(0, restart);
        changes.add(change("kill", 0, at, before, restart ? 1 : n - 1, true, restart, watch,
            notes, restart));
        steady.stop();
        steady.awaitDone(Duration.ofMinutes(1));
      }
      if (awaitDrained(watch, Duration.ofMinutes(5)) < 0) {
        notes.add("The input was not fully processed within 5 minutes after the last change");
      }
      exits = pool.unexpectedExits();
      pool.stopAll(Duration.ofSeconds(60));
    }
    ScaleObservation seen = ScaleObservation.read(broker, s.input(), ScaleApp.marksTopic(appId),
        o.backlog());
    List<RestoreLog.Restore> restores = RestoreLog.read(workDir.resolve("logs"));
    List<ScaleResult.Change> measured = new ArrayList<>();
    for (ScaleResult.Change c : changes) {
      long to = c.settledMillis() > 0 ? c.settledMillis() : c.atMillis() + o.settleTimeout().toMillis();
      measured.add(new ScaleResult.Change(c.kind(), c.worker(), c.atMillis(), c.groupMillis(),
          c.settledMillis(), seen.pauses(c.atMillis(), to), restores.stream()
              .filter(r -> r.atMillis() >= c.atMillis() && r.atMillis() <= to).toList(),
          c.restarted()));
    }
    long joinAt = changes.get(0).atMillis();
    ScaleResult.Group g = new ScaleResult.Group(n, appId, o.backlog(),
        seen.throughput(), (drained - start) / 1000.0,
        seen.pauses(steadyFrom, joinAt), measured, seen.events(), seen.unprocessed(),
        seen.reprocessed(), exits, notes);
    for (ScaleResult.Change c : measured) {
      print("%-5s worker %d: longest pause %.1f s, median %.1f s over %d partitions, %d restores",
          c.kind(), c.worker(), c.maxPause() / 1000.0, c.medianPause() / 1000.0,
          c.pauses().length, c.restores().size());
    }
    return g;
  }

  private ProducerRecord<byte[], byte[]> record(WorkerSettings s, Codec json, long i) {
    long z = o.seed() + i * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
    String account = "k" + Math.floorMod(z ^ (z >>> 29), (long) o.keys());
    return new ProducerRecord<>(s.input(), null, System.currentTimeMillis(),
        account.getBytes(StandardCharsets.UTF_8), json.encode(new ScaleEvent(account, i, PAD)));
  }

  private static Set<String> members(DrainWatch watch) {
    Set<String> ids = new HashSet<>();
    try {
      watch.progress().describe().members().forEach(m -> ids.add(m.consumerId()));
    } catch (RuntimeException e) {
      // the group is being described while it changes: the caller looks again
    }
    return ids;
  }

  /**
   * Waits, after a change made at {@code at}, until the group took it in (stable, with the
   * expected members: one gone, one new) and then every partition processed a record produced
   * after that, and at least {@code settle}.
   */
  private ScaleResult.Change change(String kind, int worker, long at, Set<String> before,
      int expectedMembers, boolean oneGone, boolean oneNew, DrainWatch watch, List<String> notes,
      boolean restarted) {
    long[] grouped = {-1};
    boolean inGroup = Poll.until(o.settleTimeout(), SAMPLE, () -> {
      var d = watch.progress().describe();
      Set<String> now = new HashSet<>();
      d.members().forEach(m -> now.add(m.consumerId()));
      boolean gone = !oneGone || !now.containsAll(before);
      boolean added = !oneNew || !before.containsAll(now);
      if (d.groupState() == GroupState.STABLE && now.size() == expectedMembers && gone && added) {
        grouped[0] = System.currentTimeMillis();
        return true;
      }
      return false;
    });
    if (!inGroup) {
      notes.add(kind + " of worker " + worker + ": the group did not become stable with "
          + expectedMembers + " members within " + o.settleTimeout().toSeconds() + " s");
    }
    Map<TopicPartition, Long> endsThen = watch.sample().ends();
    long[] settled = {-1};
    boolean ok = inGroup && Poll.until(o.settleTimeout(), SAMPLE, () -> {
      GroupProgress.Snapshot now = watch.sample();
      boolean all = endsThen.entrySet().stream()
          .allMatch(e -> now.committed(e.getKey()) > e.getValue());
      if (all && settled[0] < 0) {
        settled[0] = now.timeMillis();
      }
      return all && System.currentTimeMillis() - at >= o.settle().toMillis();
    });
    if (inGroup && !ok) {
      notes.add(kind + " of worker " + worker + ": not every partition resumed within "
          + o.settleTimeout().toSeconds() + " s after the group changed");
    }
    print("%-5s worker %d: group changed after %s, every partition resumed after %s", kind, worker,
        after(at, grouped[0]), after(at, settled[0]));
    return new ScaleResult.Change(kind, worker, at, grouped[0], settled[0], new long[0], List.of(),
        restarted);
  }

  private static String after(long at, long t) {
    return t > 0 ? String.format(Locale.ROOT, "%.1f s", (t - at) / 1000.0) : "NEVER";
  }

  private long awaitDrained(DrainWatch watch, Duration timeout) {
    long[] at = {-1};
    Poll.until(timeout, SAMPLE, () -> {
      GroupProgress.Snapshot snap = watch.sample();
      if (snap.committed().isEmpty() || !watch.drained(snap)) {
        return false;
      }
      at[0] = snap.timeMillis();
      return true;
    });
    return at[0];
  }

  private void print(String format, Object... args) {
    out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.currentTimeMillis() - origin) / 1000.0,
        String.format(Locale.ROOT, format, args));
  }
}
