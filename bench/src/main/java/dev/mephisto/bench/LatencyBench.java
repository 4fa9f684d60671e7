package dev.mephisto.bench;

import dev.mephisto.bench.data.Dataset;
import dev.mephisto.bench.latency.LatencyOptions;
import dev.mephisto.bench.latency.LatencyResult;
import dev.mephisto.bench.latency.LoadGenerator;
import dev.mephisto.bench.latency.Receiver;
import dev.mephisto.testkit.KafkaTestClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The latency mode: the {@code pipe} workload of each implementation fed at fixed rates by a
 * {@link LoadGenerator}, its output read by an independent {@link Receiver}; latency is from a
 * record's due time to its output's receipt. Each run uses fresh topics, deleted afterwards.
 */
public final class LatencyBench {
  private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(120);
  private static final long PROBE_NANOS = 100_000_000;
  private static final long DRAIN_CHECK_NANOS = 20_000_000;
  private static final Duration MIN_DRAIN = Duration.ofSeconds(30);

  private final LatencyOptions options;
  private final List<Implementation> implementations;
  private final PrintStream out;

  /**
   * @param options what to run
   * @param implementations implementations to choose from by name
   * @param out where progress lines go
   */
  public LatencyBench(LatencyOptions options, List<Implementation> implementations, PrintStream out) {
    this.options = options;
    this.implementations = implementations;
    this.out = out;
  }

  /** @return one result per run, in run order */
  public List<LatencyResult> run() {
    try (BrokerHandle broker = BrokerHandle.start(options.bootstrap(), options.broker(), out);
        KafkaTestClient client = KafkaTestClient.connect(broker.bootstrapServers())) {
      String runId = KafkaTestClient.uniqueName("latency");
      long begin = System.nanoTime();
      List<LatencyResult> results = new ArrayList<>();
      for (ProducerProfile profile : options.profiles()) {
        for (int rate : options.rates()) {
          // Repeats interleave the implementations, so a change in load hits all three.
          for (int repeat = 1; repeat <= options.repeat(); repeat++) {
            for (Implementation impl : implementations) {
              if (!options.implementations().contains(impl.name())) {
                continue;
              }
              LatencyResult r = runOne(runId, impl, profile, rate, repeat, client);
              out.printf("%-9s %,7d/s %-18s #%d %s p50 %.1f  p95 %.1f  p99 %.1f  p99.9 %.1f  max %.1f ms"
                      + "  (>100 ms: %d)  sent %,d at %,.0f/s  load %.1f-%.1f  %s%n",
                  profile.id(), rate, impl.displayName(), repeat, r.ok() ? "OK    " : "FAILED",
                  r.p50(), r.p95(), r.p99(), r.p999(), r.max(), r.over100ms(), r.sent(),
                  r.achievedRate(), r.loadBefore(), r.loadAfter(), r.message());
              if (!r.spikes().isEmpty()) {
                StringBuilder slow = new StringBuilder("          worst spikes (due at s: max ms):");
                for (double[] e : r.spikes().subList(0, Math.min(5, r.spikes().size()))) {
                  slow.append(String.format(" %.2f: %.1f", e[0], e[1]));
                }
                out.println(slow);
              }
              results.add(r);
            }
          }
        }
      }
      out.printf("All latency runs took %.1f s%n", (System.nanoTime() - begin) / 1e9);
      return results;
    }
  }

  private LatencyResult runOne(String runId, Implementation impl, ProducerProfile profile, int rate,
      int repeat, KafkaTestClient client) {
    String prefix = runId + "-" + rate + "-" + profile.id() + "-" + impl.name() + "-r" + repeat;
    String input = prefix + "-input";
    int partitions = options.partitions();
    Path stateDir = StateDirs.create("mephisto-latency-");
    RunContext ctx = new RunContext(prefix, Workload.PIPE, Dataset.stream(input, partitions), client,
        stateDir, options.commitInterval(), profile);
    double loadBefore = Bench.loadAverage();
    long measured = Math.max(1, Math.round(rate * (options.duration().toNanos() / 1e9)));
    long warmup = Math.round(rate * (options.warmup().toNanos() / 1e9));
    try {
      client.createTopic(input, partitions);
      client.createTopic(ctx.outputTopic(), partitions);
      LoadGenerator.Clock clock = LoadGenerator.Clock.start();
      WorkloadRunner runner = impl.runner(Workload.PIPE).orElseThrow();
      try (runner;
          LoadGenerator generator = new LoadGenerator(client.producerProperties(), input, clock);
          Receiver receiver = new Receiver(
              client.consumerProperties(prefix + "-receiver"), ctx.outputTopic(), partitions, clock)) {
        runner.prepare(ctx);
        runner.start(ctx);
        awaitLive(ctx, generator, receiver);
        long sendNanos = generator.run(rate, warmup, measured);
        long drainDeadline = System.nanoTime() + Math.max(MIN_DRAIN.toNanos(), options.duration().toNanos());
        while (receiver.measured() < measured && System.nanoTime() < drainDeadline
            && ctx.failure().isEmpty() && receiver.failure() == null) {
          LockSupport.parkNanos(DRAIN_CHECK_NANOS);
        }
        Histogram h = receiver.histogram();
        long received = receiver.measured();
        String problem = ctx.failure().map(t -> "failed while running: " + t)
            .orElse(receiver.failure() != null ? "receiver failed: " + receiver.failure()
                : received < measured ? String.format("%,d of %,d measured records never arrived",
                    measured - received, measured) : null);
        return new LatencyResult(impl.name(), impl.displayName(), profile.id(), rate, repeat,
            problem == null, problem == null ? "all arrived" : problem, measured, received,
            receiver.duplicates(), measured / (sendNanos / 1e9),
            ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
            ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
            h.getCountBetweenValues(100_001, Long.MAX_VALUE / 2), loadBefore, Bench.loadAverage(),
            receiver.spikes(generator.measuredStart()));
      }
    } catch (Exception | AssertionError e) {
      return new LatencyResult(impl.name(), impl.displayName(), profile.id(), rate, repeat, false,
          String.valueOf(e.getMessage()), measured, 0, 0, 0, 0, 0, 0, 0, 0, 0, loadBefore,
          Bench.loadAverage(), List.of());
    } finally {
      StateDirs.deleteRecursively(stateDir);
      deleteTopics(client, prefix);
    }
  }

  /** Sends a probe every 100 ms until one comes out: the implementation is assigned and running. */
  private static void awaitLive(RunContext ctx, LoadGenerator generator, Receiver receiver) {
    long deadline = System.nanoTime() + LIVE_TIMEOUT.toNanos();
    long i = 0;
    while (receiver.any() == 0) {
      if (ctx.failure().isPresent()) {
        throw new IllegalStateException("failed while starting: " + ctx.failure().get(), ctx.failure().get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no output within " + LIVE_TIMEOUT + " of the start");
      }
      generator.probe(i++);
      LockSupport.parkNanos(PROBE_NANOS);
    }
  }

  /** Latency runs write up to a few hundred MB each: their topics go once measured. */
  private static void deleteTopics(KafkaTestClient client, String prefix) {
    try {
      for (String topic : client.topics()) {
        if (topic.startsWith(prefix)) {
          client.deleteTopic(topic);
        }
      }
    } catch (RuntimeException e) {
      // left for the broker's retention; the next run uses new names
    }
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
