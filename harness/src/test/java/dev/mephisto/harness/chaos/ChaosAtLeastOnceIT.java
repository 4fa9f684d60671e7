package dev.mephisto.harness.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The CI chaos run, at least once: 3 worker processes, 50 000 events, kill -9 at least 3 times. */
@WithKafka
class ChaosAtLeastOnceIT {
  @Test
  void noEventAndNoCountIsLostWhenWorkersAreKilled(KafkaCluster kafka) throws IOException {
    ChaosResult r = CiChaos.run(kafka, CiChaos.ci(), ProcessingGuarantee.AT_LEAST_ONCE,
        new ChaosRun[1]);
    String report = ChaosReport.text(r);
    assertTrue(r.kills() >= 3, "at least 3 kills: " + report);
    assertEquals(9, r.checks().size(), report);
    assertTrue(r.passed(), report);
    assertEquals(0, r.lost(), report);
    assertTrue(Files.isRegularFile(CiChaos.OUT.resolve(r.appId() + ".json")));
  }
}
