package dev.mephisto.bench;

import dev.mephisto.bench.data.DataGenerator;
import dev.mephisto.bench.data.Dataset;
import dev.mephisto.testkit.KafkaTestClient;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the chosen workloads with the chosen implementations on one broker and one data set, one
 * run at a time, and collects the results.
 */
public final class Bench {
  private static final long CHECK_NANOS = 10_000_000; // completion check every 10 ms
  private static final long REPORT_NANOS = 2_000_000_000L; // a progress line every 2 s
  private static final long OBSERVE_NANOS = 20_000_000; // durability check every 20 ms at the end
  private static final long OBSERVE_SLOW_NANOS = 500_000_000; // and every 500 ms before

  private final BenchOptions options;
  private final List<Implementation> implementations;
  private final PrintStream out;

  /**
   * @param options what to run
   * @param implementations implementations to choose from by name
   * @param out where progress lines go
   */
  public Bench(BenchOptions options, List<Implementation> implementations, PrintStream out) {
    this.options = options;
    this.implementations = implementations;
    this.out = out;
  }

  /** @return one result per run, in run order */
  public List<RunResult> run() {
    try (BrokerHandle broker = BrokerHandle.start(options.bootstrap(), options.brokerJvm(), out);
        KafkaTestClient client = KafkaTestClient.connect(broker.bootstrapServers())) {
      return runAll(client);
    }
  }

  private List<RunResult> runAll(KafkaTestClient client) {
    String runId = KafkaTestClient.uniqueName("bench");
    long begin = System.nanoTime();
    out.printf("Loading %,d records of %d-byte values, %,d keys, into %d partitions...%n",
        options.records(), DataGenerator.VALUE_SIZE, DataGenerator.KEYS, options.partitions());
    Dataset dataset = DataGenerator.load(
        client, runId + "-input", options.partitions(), options.records(), runId + "-restore",
        options.restoreEntries(), n -> {});
    out.printf("Loaded in %.1f s; commit interval %d ms for every implementation%n",
        (System.nanoTime() - begin) / 1e9, options.commitInterval().toMillis());
    warmUp(runId, dataset, client);
    boolean restoreLoaded = false;
    List<RunResult> results = new ArrayList<>();
    for (Workload workload : options.workloads()) {
      if (workload == Workload.RESTORE && !restoreLoaded) {
        long t = System.nanoTime();
        out.printf("Loading the %,d-entry restore changelog...%n", dataset.restoreEntries());
        DataGenerator.loadRestore(client, dataset, n -> {});
        out.printf("Loaded in %.1f s%n", (System.nanoTime() - t) / 1e9);
        restoreLoaded = true;
      }
      // Repeats interleave the implementations, so a change in the machine's load hits all three.
      for (int repeat = 1; repeat <= options.repeat(); repeat++) {
        for (Implementation impl : implementations) {
          if (!options.implementations().contains(impl.name())) {
            continue;
          }
          Optional<WorkloadRunner> runner = impl.runner(workload);
          if (runner.isEmpty()) {
            if (repeat == 1) {
              out.printf("%-15s %-18s not implemented%n", workload.id(), impl.displayName());
            }
            continue;
          }
          // Each repetition reads the input again with new groups and topics.
          String id = repeat == 1 ? runId : runId + "-r" + repeat;
          RunResult r = runOne(id, workload, impl, runner.get(), dataset, client, 0, repeat);
          out.printf("%-15s %-18s #%d %s  %,.0f records/s  %.1f MB/s  %.2f s (last record at %.2f s)"
                  + "  load %.1f-%.1f%s  (%s)%n",
              workload.id(), impl.displayName(), repeat, r.ok() ? "OK    " : "FAILED",
              r.recordsPerSecond(), r.mbPerSecond(), r.seconds(), r.processedSeconds(),
              r.loadBefore(), r.loadAfter(), r.shortRun() ? "  SHORT (< 3 commit intervals)" : "",
              r.message());
          results.add(r);
        }
      }
    }
    out.printf("All runs took %.1f s%n", (System.nanoTime() - begin) / 1e9);
    return results;
  }

  /**
   * Runs consume and count on part of the input with each implementation, unreported, so the
   * first measured runs do not pay for class loading and JIT compilation of the client paths.
   */
  private void warmUp(String runId, Dataset dataset, KafkaTestClient client) {
    long records = Math.min(options.warmupRecords(), dataset.records());
    if (records == 0) {
      return;
    }
    long begin = System.nanoTime();
    for (Implementation impl : implementations) {
      if (!options.implementations().contains(impl.name())) {
        continue;
      }
      for (Workload workload : List.of(Workload.CONSUME, Workload.COUNT)) {
        Optional<WorkloadRunner> runner = impl.runner(workload);
        if (runner.isPresent()) {
          RunResult r =
              runOne(runId + "-warmup", workload, impl, runner.get(), dataset, client, records, 0);
          if (!r.ok()) {
            out.printf("Warm-up %s / %s failed: %s%n", workload.id(), impl.displayName(), r.message());
          }
        }
      }
    }
    out.printf("Warmed up on %,d records per implementation in %.1f s%n", records,
        (System.nanoTime() - begin) / 1e9);
  }

  /** Runs once; a warm-up run ({@code warmupRecords > 0}) stops early and is not verified. */
  private RunResult runOne(
      String runId, Workload workload, Implementation impl, WorkloadRunner runner, Dataset dataset,
      KafkaTestClient client, long warmupRecords, int repeat) {
    Path stateDir = StateDirs.create("mephisto-bench-");
    RunContext ctx = new RunContext(runId + "-" + workload.id() + "-" + impl.name(), workload, dataset,
        client, stateDir, options.commitInterval());
    String label = workload.id() + " / " + impl.displayName();
    long records = workload.recordsProcessed(dataset);
    long bytes = workload.inputBytes(dataset);
    double commitSeconds = workload == Workload.RESTORE ? 0 : options.commitInterval().toNanos() / 1e9;
    double loadBefore = loadAverage();
    double startup = 0;
    double seconds = 0;
    double processed = 0;
    double peakMb = 0;
    double retainedMb = 0;
    long changelog = 0;
    try (runner) {
      if (workload.writesOutput()) {
        client.createTopic(ctx.outputTopic(), dataset.partitions());
      }
      runner.prepare(ctx);
      long baseline = HeapSampler.liveHeap();
      Completion done;
      long start;
      try (HeapSampler heap = new HeapSampler()) {
        start = System.nanoTime();
        runner.start(ctx);
        done = awaitCompletion(ctx, workload, runner, label, start, warmupRecords);
        peakMb = heap.peak() / 1e6;
      }
      long first = ctx.progress().firstNanos() == 0 ? start : ctx.progress().firstNanos();
      startup = (first - start) / 1e9;
      seconds = (done.endNanos() - first) / 1e9;
      processed = (done.processedNanos() - first) / 1e9;
      changelog = done.changelogRecords();
      retainedMb = (HeapSampler.liveHeap() - baseline) / 1e6;
      Observed observed = runner.observe(ctx);
      if (warmupRecords > 0) {
        return new RunResult(workload.id(), impl.name(), impl.displayName(), ctx.failure().isEmpty(),
            "warm-up", warmupRecords, 0, seconds, startup, peakMb, retainedMb, Map.of(), 0, processed,
            changelog, loadBefore, loadAverage(), commitSeconds);
      }
      Verdict verdict = ctx.failure().isPresent()
          ? Verdict.failed("failed while running: " + ctx.failure().get())
          : workload.verify(ctx, observed);
      if (workload.minChangelogRecords(dataset) > 0) {
        verdict = verdict.and(Verdict.atLeast(
            "changelog records when durable", workload.minChangelogRecords(dataset), changelog));
      }
      return new RunResult(workload.id(), impl.name(), impl.displayName(), verdict.ok(),
          verdict.message(), records, bytes, seconds, startup, peakMb, retainedMb,
          observed.nativeMemory(), repeat, processed, changelog, loadBefore, loadAverage(),
          commitSeconds);
    } catch (Exception | AssertionError e) {
      return new RunResult(workload.id(), impl.name(), impl.displayName(), false,
          String.valueOf(e.getMessage()), records, bytes, seconds, startup, peakMb, retainedMb, Map.of(),
          repeat, processed, changelog, loadBefore, loadAverage(), commitSeconds);
    } finally {
      StateDirs.deleteRecursively(stateDir);
      if (workload != Workload.RESTORE) { // restore's changelogs are loaded once for all repeats
        deleteTopics(client, ctx.name(""));
      }
    }
  }

  /**
   * Deletes a finished run's topics (output, repartition, changelogs), so the broker does not
   * carry tens of GB of earlier runs into later ones.
   */
  private static void deleteTopics(KafkaTestClient client, String prefix) {
    try {
      for (String topic : client.topics()) {
        if (topic.startsWith(prefix)) {
          client.deleteTopic(topic);
        }
      }
    } catch (RuntimeException e) {
      // left to the broker; the next run uses new names
    }
  }

  /** The system load average over the last minute, -1 where the platform has none. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * When a run was complete.
   *
   * @param endNanos when the result was durable (restore, warm-up: when the last record counted)
   * @param processedNanos when the implementation counted its last record
   * @param changelogRecords records in the run's changelogs at the end
   */
  private record Completion(long endNanos, long processedNanos, long changelogRecords) {}

  /**
   * Waits until the workload is complete, or throws on failure or timeout. A warm-up and restore
   * end when the implementation has counted the last record (restore commits nothing); every other
   * run ends when {@link DurabilityObserver} sees its result durable.
   */
  private Completion awaitCompletion(RunContext ctx, Workload workload, WorkloadRunner runner,
      String label, long start, long warmupRecords) {
    boolean durability = warmupRecords == 0 && workload != Workload.RESTORE;
    long target = warmupRecords > 0 ? warmupRecords : workload.recordsProcessed(ctx.dataset());
    DurabilityObserver observer = durability
        ? new DurabilityObserver(ctx, runner.groups(ctx),
            workload.writesOutput() ? workload.target(ctx.dataset()) : 0,
            workload == Workload.REPARTITION ? ctx.dataset().records() : 0)
        : null;
    long deadline = start + options.runTimeout().toNanos();
    long nextReport = start + REPORT_NANOS;
    long nextObservation = start;
    long processedNanos = 0;
    while (true) {
      long now = System.nanoTime();
      if (ctx.failure().isPresent()) {
        Throwable failure = ctx.failure().get();
        throw new IllegalStateException("failed while running: " + failure, failure);
      }
      if (processedNanos == 0 && ctx.progress().records() >= target) {
        processedNanos = now;
        if (!durability) {
          return new Completion(now, now, 0);
        }
      }
      if (durability && now >= nextObservation) {
        // Observed often once the implementation says it is through, rarely before: the admin
        // calls would otherwise compete with the run. Only the observer decides the end.
        if (observer.durable()) {
          long end = System.nanoTime();
          return new Completion(end, processedNanos == 0 ? end : processedNanos,
              observer.changelogRecords());
        }
        nextObservation = System.nanoTime() + (processedNanos == 0 ? OBSERVE_SLOW_NANOS : OBSERVE_NANOS);
      }
      if (now - deadline > 0) {
        throw new IllegalStateException(String.format(
            "timed out after %s with %,d of %,d records processed; %s", options.runTimeout(),
            ctx.progress().records(), target,
            observer == null ? "restore not complete" : observer.lastState()));
      }
      if (now >= nextReport) {
        nextReport += REPORT_NANOS;
        out.printf("  %s: %,d / %,d records%s%n", label, ctx.progress().records(), target,
            observer == null ? "" : "; " + observer.lastState());
      }
      LockSupport.parkNanos(CHECK_NANOS);
    }
  }
}
