package dev.mephisto.harness.chaos;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.harness.Poll;
import dev.mephisto.harness.Timeline;
import dev.mephisto.harness.WorkerMain;
import dev.mephisto.harness.WorkerSettings;
import dev.mephisto.harness.kafka.Broker;
import dev.mephisto.harness.kafka.DrainWatch;
import dev.mephisto.harness.kafka.GroupProgress;
import dev.mephisto.harness.kafka.PacedProducer;
import dev.mephisto.harness.process.JvmCommand;
import dev.mephisto.harness.process.LogDigest;
import dev.mephisto.harness.process.WorkerPool;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * One chaos run: k worker processes of {@link ChaosApp}, a paced producer of the seeded input, a
 * kill -9 of a random worker every {@code killEvery} (each restarted after {@code restartDelay}),
 * then, once everything is processed, the checks ({@link ChaosVerifier}).
 */
public final class ChaosRun {
  private static final Duration SAMPLE = Duration.ofMillis(250);
  private static final Duration STATUS = Duration.ofSeconds(5);

  private final ChaosOptions o;
  private final Broker broker;
  private final ProcessingGuarantee guarantee;
  private final PrintStream out;
  private final Timeline timeline = new Timeline();
  private final AtomicInteger kills = new AtomicInteger();
  private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean stopKilling;
  private volatile long firstProgress = -1;
  private volatile boolean inputConsumed;
  private volatile boolean killingDone;

  /**
   * @param options the settings
   * @param broker the cluster
   * @param guarantee the guarantee to run and judge by
   * @param out where progress is printed
   */
  public ChaosRun(ChaosOptions options, Broker broker, ProcessingGuarantee guarantee, PrintStream out) {
    this.o = options;
    this.broker = broker;
    this.guarantee = guarantee;
    this.out = out;
  }

  /**
   * @return what the run found
   * @throws IOException if the work directory cannot be written
   */
  public ChaosResult run() throws IOException {
    String appId = "chaos-" + (guarantee == ProcessingGuarantee.EXACTLY_ONCE ? "eos" : "alo") + "-"
        + Long.toString(System.currentTimeMillis(), 36);
    Path workDir = o.workDir().resolve(appId).toAbsolutePath();
    Files.createDirectories(workDir);
    WorkerSettings s = new WorkerSettings("chaos", appId, broker.bootstrap(), guarantee,
        o.partitions(), o.replicationFactor(), o.sessionTimeout(), o.transactionTimeout(),
        o.commitInterval(), workDir);
    Path config = writeConfig(s, new ChaosWorkload(o.accounts(), o.window(), o.batchSize(),
        o.batchWithin(), o.sabotage()));
    ChaosData data = new ChaosData(o.seed(), o.accounts(), o.events(),
        ChaosData.baseTimeForNow(o.events(), o.window().toMillis()), o.window().toMillis());
    broker.createTopic(s.input(), o.partitions());
    print("%s: %d workers, %,d events at %s/s, kill -9 every %s, %s, %s", appId, o.workers(),
        o.events(), o.rate() > 0 ? String.format(Locale.ROOT, "%,.0f", o.rate()) : "max",
        o.killEvery().isZero() ? "never" : o.killEvery().toMillis() / 1000.0 + " s",
        guarantee, broker.description());
    print("worker logs and state: %s", workDir);

    JvmCommand cmd = JvmCommand.likeThisJvm(o.workerJvm(), WorkerMain.class,
        List.of(config.toString()));
    long start;
    long produced;
    Drain drain;
    List<Check> checks;
    Map<Integer, Integer> codes;
    List<WorkerPool.UnexpectedExit> exits;
    try (WorkerPool pool = new WorkerPool(cmd, workDir.resolve("logs"), timeline, true,
        o.restartDelay());
        PacedProducer producer = new PacedProducer(broker, i -> data.record(s.input(), i),
            o.events(), o.rate())) {
      start = System.currentTimeMillis();
      pool.startNew(o.workers());
      producer.start(0);
      Thread killer = startKiller(pool, producer);
      DrainWatch watch = new DrainWatch(broker, appId,
          List.of(s.input(), ChaosApp.repartitionTopic(appId)));
      drain = awaitDrain(watch, pool, producer, start);
      if (drain.drainedAt() < 0) {
        List<Path> dumps = new ArrayList<>();
        pool.workers().forEach(w -> w.threadDump().ifPresent(dumps::add));
        notes.add("Not everything was processed: thread dumps of the running workers in "
            + dumps.stream().map(f -> f.getFileName().toString()).toList() + " (in "
            + workDir.resolve("logs") + ")");
      }
      stopKilling = true;
      killer.join();
      produced = producer.endMillis();
      checks = verify(s, data, pool, watch.progress(), drain);
      String inGroup = members(watch.progress());
      if (!inGroup.equals(Integer.toString(pool.alive().size()))) {
        notes.add(pool.alive().size() + " worker processes were running but " + inGroup + " were "
            + "in the group at the end: a worker whose poll loop failed did not exit (see the "
            + "errors of the worker logs)");
      }
      exits = pool.unexpectedExits();
      codes = pool.stopAll(Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
    return new ChaosResult(appId, guarantee, o, broker.description(), start, produced,
        drain.drainedAt(), drain.stalls().firstProgress(), drain.stalls().longestMillis(),
        drain.stalls().longestFrom(), kills.get(), exits, codes, checks,
        LogDigest.read(workDir.resolve("logs"), 15), timeline, workDir, List.copyOf(notes));
  }

  private record Drain(long drainedAt, StallTracker stalls, String left) {}

  private Path writeConfig(WorkerSettings s, ChaosWorkload w) throws IOException {
    Properties p = new Properties();
    s.write(p);
    w.write(p);
    Path file = s.workDir().resolve(WorkerSettings.FILE);
    try (Writer wr = Files.newBufferedWriter(file)) {
      p.store(wr, "chaos run " + s.appId());
    }
    return file;
  }

  private Thread startKiller(WorkerPool pool, PacedProducer producer) {
    return Thread.ofPlatform().name("harness-killer").start(() -> {
      try {
        if (o.killEvery().isZero()) {
          return;
        }
        Random victims = new Random(o.seed());
        // the first kill comes a kill interval after the group first committed: a kill during
        // start-up would only measure start-up
        long giveUp = System.currentTimeMillis() + o.drainTimeout().toMillis();
        while (firstProgress < 0 && !stopKilling) {
          if (System.currentTimeMillis() > giveUp) {
            notes.add("The group never committed within --drain-timeout " + o.drainTimeout()
                + " of the start: no worker was killed");
            return;
          }
          Poll.sleepUntil(System.currentTimeMillis() + 100, () -> stopKilling);
        }
        long next = firstProgress + o.killEvery().toMillis();
        while (!stopKilling) {
          Poll.sleepUntil(next, () -> stopKilling);
          if (stopKilling || kills.get() >= o.maxKills()
              || inputConsumed && kills.get() >= o.minKills()) {
            return;
          }
          List<Integer> alive = pool.alive();
          if (!alive.isEmpty()) {
            int victim = alive.get(victims.nextInt(alive.size()));
            pool.kill(victim, true);
            kills.incrementAndGet();
            print("kill -9 of worker %d (kill %d)", victim, kills.get());
          }
          next += o.killEvery().toMillis();
        }
      } finally {
        killingDone = true;
      }
    });
  }

  /** Samples the group until everything is processed and stays so for {@code quiet}. */
  private Drain awaitDrain(DrainWatch watch, WorkerPool pool, PacedProducer producer, long start) {
    StallTracker stalls = new StallTracker();
    long lastStatus = 0;
    long drainedSince = -1;
    long deadline = Long.MAX_VALUE;
    String left = "";
    while (true) {
      long now = System.currentTimeMillis();
      GroupProgress.Snapshot snap;
      try {
        snap = watch.sample();
      } catch (RuntimeException e) {
        left = "cannot read the group's offsets: " + e.getMessage();
        Poll.sleepUntil(now + SAMPLE.toMillis(), () -> false);
        continue;
      }
      boolean inputDone = producer.done();
      stalls.sample(snap.timeMillis(), snap.committedTotal(), pending(snap));
      firstProgress = stalls.firstProgress();
      inputConsumed = inputDone && snap.ends().entrySet().stream()
          .filter(e -> e.getKey().topic().equals(watch.input()))
          .allMatch(e -> snap.committed(e.getKey()) >= e.getValue());
      if (now - lastStatus >= STATUS.toMillis()) {
        lastStatus = now;
        print("produced %,d/%,d, committed %,d, lag %,d, workers up %d/%d (%s in the group), "
            + "kills %d, own exits %d", producer.sent(), o.events(), snap.committedTotal(),
            snap.lag(), pool.alive().size(), o.workers(), members(watch.progress()), kills.get(),
            pool.unexpectedExits().size());
      }
      if (inputDone && killingDone && deadline == Long.MAX_VALUE) {
        producer.awaitDone(Duration.ZERO); // throws if the harness could not produce its input
        deadline = now + o.drainTimeout().toMillis();
      }
      boolean drained = inputDone && killingDone && pool.alive().size() == o.workers()
          && watch.drained(snap);
      if (drained) {
        if (drainedSince < 0) {
          drainedSince = snap.timeMillis();
        }
        if (now - drainedSince >= o.quiet().toMillis()) {
          print("everything processed %.1f s after the last input event",
              (drainedSince - producer.endMillis()) / 1000.0);
          return new Drain(drainedSince, stalls, "");
        }
      } else {
        drainedSince = -1;
        left = "lag " + snap.lag() + " (committed " + snap.committed() + ", ends " + snap.ends()
            + "), workers up " + pool.alive().size() + "/" + o.workers();
      }
      if (now > deadline) {
        print("NOT everything processed within --drain-timeout %s: %s", o.drainTimeout(), left);
        return new Drain(-1, stalls, left);
      }
      Poll.sleepUntil(now + SAMPLE.toMillis(), () -> false);
    }
  }

  private static String members(GroupProgress group) {
    try {
      return Integer.toString(group.describe().members().size());
    } catch (RuntimeException e) {
      return e.getCause() instanceof GroupIdNotFoundException ? "0" : "?";
    }
  }

  /** Records wait: the input is behind, or a repartition partition is more than a marker behind. */
  private static boolean pending(GroupProgress.Snapshot s) {
    return s.ends().entrySet().stream().anyMatch(e -> e.getValue() - s.committed(e.getKey()) > 1);
  }

  private List<Check> verify(WorkerSettings s, ChaosData data, WorkerPool pool,
      GroupProgress group, Drain drain) {
    boolean stable = Poll.until(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
      var d = group.describe();
      return d.groupState() == GroupState.STABLE && d.members().size() == pool.alive().size();
    });
    if (!stable) {
      notes.add("The group was not stable with every worker in it within 60 s before the tables "
          + "were read from the workers");
    }
    Map<String, Long> counts = data.expectedCounts();
    Map<String, Long> windows = data.expectedWindowCounts();
    DumpCollector collector = new DumpCollector(s);
    DumpCollector.Dumps dumps = null;
    // a dump taken during a rebalance misses the partitions being moved: ask again (only when
    // everything was processed; otherwise keys are missing anyway)
    int attempts = drain.drainedAt() > 0 ? 5 : 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      dumps = collector.collect(pool.alive(), Duration.ofSeconds(60));
      if (dumps.conflicts().isEmpty() && dumps.table(ChaosApp.ROCKSDB_TABLE).keySet()
          .containsAll(counts.keySet()) && dumps.table(ChaosApp.WINDOWED_TABLE).keySet()
          .containsAll(windows.keySet())) {
        break;
      }
      if (attempt < attempts) {
        notes.add("Table dump " + attempt + " from the workers was incomplete ("
            + dumps.conflicts().size() + " conflicts); asked again");
      }
      long again = System.currentTimeMillis() + 2_000;
      Poll.sleepUntil(again, () -> false);
    }
    observed = ChaosVerifier.observe(broker, s, data, dumps);
    expectedCounts = counts;
    expectedWindows = windows;
    return ChaosVerifier.checks(observed, counts, windows, guarantee, drain.drainedAt() > 0,
        drain.left(), id -> ChaosData.partitionOf(id, o.partitions()));
  }

  private ChaosVerifier.Observed observed;
  private Map<String, Long> expectedCounts;
  private Map<String, Long> expectedWindows;

  /**
   * Judges what the last {@link #run()} read back by another guarantee's rules (a run at least
   * once shows what exactly-once would have said about the same data).
   *
   * @param g the guarantee
   * @param drained whether everything was processed
   * @return the checks
   */
  public List<Check> judge(ProcessingGuarantee g, boolean drained) {
    if (observed == null) {
      throw new IllegalStateException("run() did not read anything back yet");
    }
    return ChaosVerifier.checks(observed, expectedCounts, expectedWindows, g, drained, "",
        id -> ChaosData.partitionOf(id, o.partitions()));
  }

  private void print(String format, Object... args) {
    out.printf(Locale.ROOT, "[%6.1fs] %s%n", timeline.at(System.currentTimeMillis()),
        String.format(Locale.ROOT, format, args));
  }
}
