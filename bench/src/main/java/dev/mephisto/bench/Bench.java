package dev.mephisto.bench;

import dev.mephisto.bench.data.DataGenerator;
import dev.mephisto.bench.data.Dataset;
import dev.mephisto.testkit.EmbeddedKafka;
import dev.mephisto.testkit.KafkaTestClient;

import java.io.PrintStream;
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
  private static final long OUTPUT_CHECK_NANOS = 50_000_000; // output topic offsets every 50 ms

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
    EmbeddedKafka broker = null;
    try {
      String bootstrap;
      if (options.bootstrap().isPresent()) {
        bootstrap = options.bootstrap().get();
        out.println("Using broker " + bootstrap);
      } else {
        broker = EmbeddedKafka.builder().build().start();
        bootstrap = broker.bootstrapServers();
        out.printf("Embedded Kafka broker at %s started in %d ms%n",
            bootstrap, broker.lastStartTime().toMillis());
      }
      try (KafkaTestClient client = KafkaTestClient.connect(bootstrap)) {
        return runAll(client);
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
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
    out.printf("Loaded in %.1f s%n", (System.nanoTime() - begin) / 1e9);
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
      for (Implementation impl : implementations) {
        if (!options.implementations().contains(impl.name())) {
          continue;
        }
        Optional<WorkloadRunner> runner = impl.runner(workload);
        if (runner.isEmpty()) {
          out.printf("%-15s %-18s not implemented%n", workload.id(), impl.displayName());
          continue;
        }
        RunResult r = runOne(runId, workload, impl, runner.get(), dataset, client, 0);
        for (int i = 2; i <= options.repeat() && r.ok(); i++) {
          // Each repetition reads the input again with new groups and topics; the best counts.
          Optional<WorkloadRunner> again = impl.runner(workload);
          RunResult next =
              runOne(runId + "-r" + i, workload, impl, again.orElseThrow(), dataset, client, 0);
          r = !next.ok() || next.recordsPerSecond() > r.recordsPerSecond() ? next : r;
        }
        out.printf("%-15s %-18s %s  %,.0f records/s  %.1f MB/s  (%s)%n",
            workload.id(), impl.displayName(), r.ok() ? "OK    " : "FAILED", r.recordsPerSecond(),
            r.mbPerSecond(), r.message());
        results.add(r);
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
          RunResult r = runOne(runId + "-warmup", workload, impl, runner.get(), dataset, client, records);
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
      KafkaTestClient client, long warmupRecords) {
    Path stateDir = StateDirs.create("mephisto-bench-");
    RunContext ctx = new RunContext(
        runId + "-" + workload.id() + "-" + impl.name(), workload, dataset, client, stateDir);
    String label = workload.id() + " / " + impl.displayName();
    long records = workload.recordsProcessed(dataset);
    long bytes = workload.inputBytes(dataset);
    double startup = 0;
    double seconds = 0;
    double peakMb = 0;
    double retainedMb = 0;
    try (runner) {
      if (workload.writesOutput()) {
        client.createTopic(ctx.outputTopic(), dataset.partitions());
      }
      runner.prepare(ctx);
      long baseline = HeapSampler.liveHeap();
      long end;
      long start;
      try (HeapSampler heap = new HeapSampler()) {
        start = System.nanoTime();
        runner.start(ctx);
        end = awaitCompletion(ctx, workload, label, start, warmupRecords);
        peakMb = heap.peak() / 1e6;
      }
      long first = ctx.progress().firstNanos() == 0 ? start : ctx.progress().firstNanos();
      startup = (first - start) / 1e9;
      seconds = (end - first) / 1e9;
      retainedMb = (HeapSampler.liveHeap() - baseline) / 1e6;
      Observed observed = runner.observe(ctx);
      if (warmupRecords > 0) {
        return new RunResult(workload.id(), impl.name(), impl.displayName(), ctx.failure().isEmpty(),
            "warm-up", warmupRecords, 0, seconds, startup, peakMb, retainedMb, Map.of());
      }
      Verdict verdict = ctx.failure().isPresent()
          ? Verdict.failed("failed while running: " + ctx.failure().get())
          : workload.verify(ctx, observed);
      return new RunResult(workload.id(), impl.name(), impl.displayName(), verdict.ok(),
          verdict.message(), records, bytes, seconds, startup, peakMb, retainedMb,
          observed.nativeMemory());
    } catch (Exception | AssertionError e) {
      return new RunResult(workload.id(), impl.name(), impl.displayName(), false,
          String.valueOf(e.getMessage()), records, bytes, seconds, startup, peakMb, retainedMb, Map.of());
    } finally {
      StateDirs.deleteRecursively(stateDir);
    }
  }

  /** Waits until the workload is complete; returns that moment, or throws on failure/timeout. */
  private long awaitCompletion(
      RunContext ctx, Workload workload, String label, long start, long warmupRecords) {
    long target = warmupRecords > 0 ? warmupRecords : workload.target(ctx.dataset());
    long deadline = start + options.runTimeout().toNanos();
    long nextReport = start + REPORT_NANOS;
    long nextOutputCheck = start;
    long output = 0;
    while (true) {
      long now = System.nanoTime();
      if (ctx.failure().isPresent()) {
        Throwable failure = ctx.failure().get();
        throw new IllegalStateException("failed while running: " + failure, failure);
      }
      if (workload.writesOutput() && warmupRecords == 0) {
        if (now >= nextOutputCheck) {
          output = ctx.client().endOffsets(ctx.outputTopic()).values().stream()
              .mapToLong(Long::longValue).sum();
          nextOutputCheck = System.nanoTime() + OUTPUT_CHECK_NANOS;
          if (output >= target) {
            return System.nanoTime();
          }
        }
      } else if (ctx.progress().records() >= target) {
        return now;
      }
      if (now - deadline > 0) {
        throw new IllegalStateException(String.format(
            "timed out after %s with %,d of %,d records processed", options.runTimeout(),
            ctx.progress().records(), workload.recordsProcessed(ctx.dataset())));
      }
      if (now >= nextReport) {
        nextReport += REPORT_NANOS;
        out.printf("  %s: %,d / %,d records%s%n", label, ctx.progress().records(),
            workload.recordsProcessed(ctx.dataset()),
            workload.writesOutput() ? String.format(", %,d / %,d written", output, target) : "");
      }
      LockSupport.parkNanos(CHECK_NANOS);
    }
  }
}
