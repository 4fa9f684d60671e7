package dev.mephisto.harness.chaos;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.harness.kafka.Broker;
import dev.mephisto.harness.process.WorkerJvm;
import dev.mephisto.testkit.KafkaCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The chaos runs of the integration tests, on the test JVM's broker. */
final class CiChaos {
  static final Path OUT = Path.of("target", "harness-it");
  /** C1 only: short-lived worker JVMs on 2 shared cores spend less CPU compiling. */
  static final WorkerJvm CI_JVM = WorkerJvm.of("192m", "-XX:TieredStopAtLevel=1");

  private CiChaos() {}

  /**
   * The CI size (issue 11 item 13): 3 workers, 50 000 events produced over 20 s, a kill -9
   * every 8 s from the group's first commit, at least 3 kills.
   */
  static ChaosOptions ci() {
    return options(3, 50_000, Duration.ofSeconds(8), 3, 2_500, Set.of());
  }

  static ChaosOptions options(int workers, long events, Duration killEvery, int minKills,
      double rate, Set<Sabotage> sabotage) {
    return new ChaosOptions(events, workers, killEvery, minKills, 100, rate, 42, 6, 200,
        Duration.ofSeconds(10), 200, Duration.ofMillis(500), Duration.ofSeconds(6),
        Optional.empty(), Optional.empty(), Duration.ofSeconds(1), Duration.ofMinutes(4),
        Duration.ofSeconds(2), CI_JVM, -1, OUT, OUT.resolve("work"), sabotage);
  }

  /** Runs, prints the report, writes its JSON; the run is there to inspect as {@code run}. */
  static ChaosResult run(KafkaCluster kafka, ChaosOptions o, ProcessingGuarantee g,
      ChaosRun[] run) throws IOException {
    try (Broker broker = Broker.connect(Optional.of(kafka.bootstrapServers()))) {
      run[0] = new ChaosRun(o, broker, g, System.out);
      ChaosResult r = run[0].run();
      System.out.print(ChaosReport.text(r));
      ChaosReport.json(OUT.resolve(r.appId() + ".json"), r);
      return r;
    }
  }
}
