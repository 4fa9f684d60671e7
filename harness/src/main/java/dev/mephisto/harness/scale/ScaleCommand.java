package dev.mephisto.harness.scale;

import dev.mephisto.harness.RunOptions;
import dev.mephisto.harness.kafka.Broker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scale}: see the options; the README has the full command. */
@Command(name = "scale", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"For each worker count: n worker processes of a stateful app (a RocksDB count "
        + "table co-partitioned with a keyed input) drain a backlog (events/s), then, under a "
        + "steady rate, a worker joins, leaves (SIGTERM) and one is killed (-9). Reports each "
        + "partition's pause around each change, the time until every partition resumed and the "
        + "table restores, as tables, JSON and a PNG chart.",
        "Exit status 0: every event processed; 1: some never were; 3: the harness failed."})
public final class ScaleCommand implements Callable<Integer> {
  @Option(names = "--workers", defaultValue = "1,2,4,8", split = ",",
      description = "Worker counts to measure (default ${DEFAULT-VALUE}).")
  List<Integer> workers;
  @Option(names = "--partitions", defaultValue = "16", description = "Input partitions (default ${DEFAULT-VALUE}).")
  int partitions;
  @Option(names = "--events", defaultValue = "200000", description = "Backlog events per worker count (default ${DEFAULT-VALUE}).")
  long events;
  @Option(names = "--keys", defaultValue = "10000", description = "Keys of the count table (default ${DEFAULT-VALUE}).")
  int keys;
  @Option(names = "--rate", defaultValue = "1000", description = "Events per second while workers come and go (default ${DEFAULT-VALUE}).")
  double rate;
  @Option(names = "--settle", defaultValue = "15s", description = "Least time after each change (default ${DEFAULT-VALUE}).")
  Duration settle;
  @Option(names = "--settle-timeout", defaultValue = "3m", description = "Most time every partition may take to resume (default ${DEFAULT-VALUE}).")
  Duration settleTimeout;

  @Option(names = "--standby-replicas", defaultValue = "1",
      description = "Standby replicas of the count table (default ${DEFAULT-VALUE}; 0 for "
          + "failover by full restore).")
  int standbyReplicas;
  @Option(names = "--static-membership", defaultValue = "false",
      description = "Each worker joins with its own groupInstanceId (static membership).")
  boolean staticMembership;

  @Mixin
  RunOptions run;

  @Spec
  CommandSpec spec;

  /** Picocli's constructor. */
  public ScaleCommand() {}

  @Override
  public Integer call() throws Exception {
    ScaleOptions o;
    try {
      o = new ScaleOptions(workers, partitions, events, keys, rate, settle, settleTimeout,
          run.sessionTimeout(), run.commitInterval(), run.workerJvm(), run.replicationFactor(),
          run.seed(), run.out(), run.workDir(), standbyReplicas, staticMembership);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ScaleResult r;
    try (Broker broker = Broker.connect(run.bootstrap())) {
      r = new ScaleRun(o, broker, System.out).run();
    }
    System.out.print(ScaleReport.text(r));
    Path json = run.out().resolve("scale-results.json");
    Path png = run.out().resolve("scale-results.png");
    ScaleReport.json(json, r);
    ScaleChart.write(png, r);
    System.out.println("Wrote " + json.toAbsolutePath() + " and " + png.toAbsolutePath());
    return r.groups().stream().allMatch(g -> g.unprocessed() == 0) ? 0 : 1;
  }
}
