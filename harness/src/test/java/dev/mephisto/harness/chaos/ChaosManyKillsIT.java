package dev.mephisto.harness.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * At least once under many kills: 300 000 events produced at 10 000/s and a kill -9 every 10 s
 * until the group consumed them all (17 kills on the project's machine). It loses events today:
 * offsets are committed for events whose outputs the broker never acknowledged (issue 11 item 1;
 * see harness/RESULTS.md). Tagged {@code known-failing}: {@code ./mvnw -pl harness verify
 * -Pknown-failing} runs it (about 7 minutes on 2 cores). Remove the tag when it passes.
 */
@WithKafka
@Tag("known-failing")
class ChaosManyKillsIT {
  @Test
  void noEventIsLostUnderAKillEveryTenSeconds(KafkaCluster kafka) throws IOException {
    ChaosOptions ci = CiChaos.options(3, 300_000, Duration.ofSeconds(10), 3, 10_000, Set.of());
    ChaosOptions o = new ChaosOptions(ci.events(), ci.workers(), ci.killEvery(), ci.minKills(),
        ci.maxKills(), ci.rate(), ci.seed(), 8, 1000, Duration.ofSeconds(60), 500,
        Duration.ofSeconds(1), ci.sessionTimeout(), ci.transactionTimeout(), ci.commitInterval(),
        ci.restartDelay(), Duration.ofMinutes(15), ci.quiet(), ci.workerJvm(),
        ci.replicationFactor(), ci.out(), ci.workDir(), ci.sabotage());
    ChaosResult r = CiChaos.run(kafka, o, ProcessingGuarantee.AT_LEAST_ONCE, new ChaosRun[1]);
    String report = ChaosReport.text(r);
    assertTrue(r.kills() >= 10, "at least 10 kills: " + report);
    assertEquals(0, r.lost(), report);
    assertTrue(r.passed(), report);
  }
}
