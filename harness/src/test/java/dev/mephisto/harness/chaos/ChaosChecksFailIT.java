package dev.mephisto.harness.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves that every check of the chaos suite fails when what it checks is broken: the workers
 * are told to lose, duplicate and miscount chosen events ({@link Sabotage}) and the report must
 * say exactly that. No kills, so nothing else differs.
 */
@WithKafka
class ChaosChecksFailIT {
  private static final String OUTPUT = "output topic (take batches)";
  private static final String ECHO = "echo topic";
  private static final String ROCKS_LOG = "counts_rocksdb changelog (last value per key)";
  private static final String MEMORY_LOG = "counts_memory changelog (last value per key)";
  private static final String ROCKS = "counts_rocksdb in the workers";
  private static final String MEMORY = "counts_memory in the workers";
  private static final String WINDOWED = "counts_windowed in the workers";
  private static final String DLQ = "dead-letter topics";

  @Test
  void eachSabotageFailsItsCheckAndOnlyIt(KafkaCluster kafka) throws IOException {
    ChaosRun[] run = new ChaosRun[1];
    ChaosOptions o = CiChaos.options(2, 10_000, Duration.ZERO, 0, 5_000,
        EnumSet.allOf(Sabotage.class));
    ChaosResult r = CiChaos.run(kafka, o, ProcessingGuarantee.AT_LEAST_ONCE, run);
    String report = ChaosReport.text(r);
    assertTrue(r.check("everything processed").passed(), report);
    // 10 000 events: each fault hits 10 of them (the dead letter one)
    Check out = r.check(OUTPUT);
    assertFalse(out.passed(), report);
    assertEquals(10, out.lost(), report);
    assertTrue(out.duplicates() >= 10, report);
    assertTrue(out.examples().contains("e1001: 0 times"), report);
    Check echo = r.check(ECHO);
    assertFalse(echo.passed(), report);
    assertEquals(10, echo.lost(), report);
    for (String rocks : List.of(ROCKS_LOG, ROCKS)) {
      assertFalse(r.check(rocks).passed(), report);
      assertTrue(r.check(rocks).lost() > 0, report);
    }
    for (String memory : List.of(MEMORY_LOG, MEMORY)) {
      assertTrue(r.check(memory).passed(), "at least once allows counting twice: " + report);
      assertTrue(r.check(memory).duplicates() >= 10, report);
    }
    assertFalse(r.check(WINDOWED).passed(), report);
    assertTrue(r.check(WINDOWED).lost() > 0, report);
    Check dlq = r.check(DLQ);
    assertFalse(dlq.passed(), report);
    assertEquals(1, dlq.unexpected(), report);
    assertTrue(dlq.examples().get(0).contains("Sabotage: event 7 fails on purpose"), report);

    // the same data by exactly-once rules: the duplicates fail too
    List<Check> eos = run[0].judge(ProcessingGuarantee.EXACTLY_ONCE, true);
    assertFalse(find(eos, MEMORY_LOG).passed());
    assertFalse(find(eos, MEMORY).passed());
    assertFalse(find(eos, OUTPUT).passed());
  }

  private static Check find(List<Check> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }
}
