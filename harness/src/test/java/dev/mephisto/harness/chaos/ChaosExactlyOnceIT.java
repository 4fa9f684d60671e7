package dev.mephisto.harness.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The CI chaos run, exactly once: tables and {@code read_committed} outputs exact after kill -9s
 * (3 worker JVMs, 50 000 events, a kill -9 every 8 s, at least 3 kills, seed 42).
 */
@WithKafka
class ChaosExactlyOnceIT {
  @Test
  void tablesAndOutputsAreExactWhenWorkersAreKilled(KafkaCluster kafka) throws IOException {
    ChaosResult r = CiChaos.run(kafka, CiChaos.ci(), ProcessingGuarantee.EXACTLY_ONCE,
        new ChaosRun[1]);
    String report = ChaosReport.text(r);
    assertTrue(r.kills() >= 3, "at least 3 kills: " + report);
    assertEquals(9, r.checks().size(), report);
    assertTrue(r.passed(), report);
    assertEquals(0, r.lost() + r.duplicates(), report);
  }
}
