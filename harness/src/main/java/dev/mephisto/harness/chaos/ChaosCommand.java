package dev.mephisto.harness.chaos;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.harness.RunOptions;
import dev.mephisto.harness.kafka.Broker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chaos}: see the options; the README has the full command. */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs k worker processes of one app (groupBy, count tables on RocksDB and on "
        + "memory, a windowed table, a take() batch agent, an echo), produces a seeded input, "
        + "kills -9 a random worker every --kill-every and restarts it; once everything is "
        + "processed, checks every output and table: at-least-once (nothing below expected, "
        + "duplicates counted) or exactly-once (everything exact).",
        "Exit status 0: every check passed; 1: a check failed; 3: the harness failed."})
public final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "1000000", description = "Input events (default ${DEFAULT-VALUE}).")
  long events;
  @Option(names = "--workers", defaultValue = "3", description = "Worker processes (default ${DEFAULT-VALUE}).")
  int workers;
  @Option(names = "--kill-every", defaultValue = "10s",
      description = "Time between two kill -9 of a random worker, from the group's first commit until every input event was consumed; 0s: none (default ${DEFAULT-VALUE}).")
  Duration killEvery;
  @Option(names = "--min-kills", defaultValue = "0",
      description = "Keep killing after the input is consumed until this many kills (default ${DEFAULT-VALUE}).")
  int minKills;
  @Option(names = "--max-kills", defaultValue = "100",
      description = "Stop killing after this many kills, even if input is still waiting (default ${DEFAULT-VALUE}).")
  int maxKills;
  @Option(names = "--guarantee", defaultValue = "at-least-once",
      description = "at-least-once, exactly-once or both (one run each) (default ${DEFAULT-VALUE}).")
  String guarantee;
  @Option(names = "--rate", defaultValue = "10000",
      description = "Events produced per second; 0: as fast as possible (default ${DEFAULT-VALUE}).")
  double rate;
  @Option(names = "--partitions", defaultValue = "8", description = "Partitions of every topic (default ${DEFAULT-VALUE}).")
  int partitions;
  @Option(names = "--accounts", defaultValue = "1000", description = "Keys of the count tables (default ${DEFAULT-VALUE}).")
  int accounts;
  @Option(names = "--window", defaultValue = "60s", description = "Tumbling window of the windowed table; events are 1 ms apart in event time (default ${DEFAULT-VALUE}).")
  Duration window;
  @Option(names = "--batch-size", defaultValue = "500", description = "take() size of the batch agent (default ${DEFAULT-VALUE}).")
  int batchSize;
  @Option(names = "--batch-within", defaultValue = "1s", description = "take() time limit of the batch agent (default ${DEFAULT-VALUE}).")
  Duration batchWithin;
  @Option(names = "--transaction-timeout",
      description = "The workers' producer transaction.timeout.ms (exactly-once): how long a killed worker's open transaction blocks read_committed readers (default: Kafka's, 60 s).")
  Duration transactionTimeout;
  @Option(names = "--restart-delay", defaultValue = "1s", description = "How long a killed worker stays down (default ${DEFAULT-VALUE}).")
  Duration restartDelay;
  @Option(names = "--drain-timeout", defaultValue = "20m",
      description = "How long the group may take to process everything after the last input event and kill (default ${DEFAULT-VALUE}).")
  Duration drainTimeout;
  @Option(names = "--quiet", defaultValue = "3s", description = "How long \"everything processed\" must hold before the checks (default ${DEFAULT-VALUE}).")
  Duration quiet;
  @Option(names = "--sabotage", defaultValue = "", hidden = true,
      description = "Deliberate faults, to prove the checks fail: lose-output, duplicate-output, lose-echo, undercount-rocksdb, overcount-memory, lose-window, dead-letter.")
  String sabotage;

  /** Picocli's constructor. */
  public ChaosCommand() {}

  @Mixin
  RunOptions run;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<ProcessingGuarantee> guarantees;
    ChaosOptions o;
    try {
      guarantees = guarantees(guarantee);
      o = new ChaosOptions(events, workers, killEvery, minKills, maxKills, rate, run.seed(), partitions,
          accounts, window, batchSize, batchWithin, run.sessionTimeout(),
          Optional.ofNullable(transactionTimeout), run.commitInterval(), restartDelay,
          drainTimeout, quiet, run.workerJvm(), run.replicationFactor(), run.out(),
          run.workDir(), Sabotage.parse(sabotage));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<ChaosResult> results = new ArrayList<>();
    try (Broker broker = Broker.connect(run.bootstrap())) {
      for (ProcessingGuarantee g : guarantees) {
        ChaosResult r = new ChaosRun(o, broker, g, System.out).run();
        results.add(r);
        System.out.print(ChaosReport.text(r));
        Path json = run.out().resolve(r.appId() + ".json");
        ChaosReport.json(json, r);
        System.out.println("Wrote " + json.toAbsolutePath());
      }
    }
    return results.stream().allMatch(ChaosResult::passed) ? 0 : 1;
  }

  static List<ProcessingGuarantee> guarantees(String text) {
    return switch (text) {
      case "at-least-once" -> List.of(ProcessingGuarantee.AT_LEAST_ONCE);
      case "exactly-once" -> List.of(ProcessingGuarantee.EXACTLY_ONCE);
      case "both" -> List.of(ProcessingGuarantee.AT_LEAST_ONCE, ProcessingGuarantee.EXACTLY_ONCE);
      default -> throw new IllegalArgumentException("--guarantee was '" + text
          + "' but it should be at-least-once, exactly-once or both");
    };
  }
}
