package dev.mephisto.harness.chaos;

import static dev.mephisto.ProcessingGuarantee.AT_LEAST_ONCE;
import static dev.mephisto.ProcessingGuarantee.EXACTLY_ONCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksTest {
  @Test
  void everyEventOnceIsExactUnderBothGuarantees() {
    int[] counts = {1, 1, 1, 1};
    assertTrue(Checks.perEvent("out", counts, 0, AT_LEAST_ONCE).passed());
    assertTrue(Checks.perEvent("out", counts, 0, EXACTLY_ONCE).passed());
  }

  @Test
  void aMissingEventFailsBothGuaranteesAndIsCountedLost() {
    Check alo = Checks.perEvent("out", new int[] {1, 0, 1, 1}, 0, AT_LEAST_ONCE);
    Check eos = Checks.perEvent("out", new int[] {1, 0, 1, 1}, 0, EXACTLY_ONCE);
    assertFalse(alo.passed());
    assertFalse(eos.passed());
    assertEquals(1, alo.lost());
    assertEquals(List.of("e1: 0 times", "1 missing events in 1 runs of consecutive ids; per input "
        + "partition: {-1=1}"), alo.examples());
  }

  @Test
  void missingEventsAreListedFirstAsRunsWithTheirPartitions() {
    int[] counts = {2, 0, 0, 0, 1, 0, 3, 1};
    Check c = Checks.perEvent("out", counts, 0, AT_LEAST_ONCE, id -> (int) id % 2);
    assertEquals(4, c.lost());
    assertEquals(3, c.duplicates());
    assertEquals(List.of("e1 to e3: 0 times (3 events)", "e5: 0 times",
        "4 missing events in 2 runs of consecutive ids; per input partition: {0=1, 1=3}",
        "e0: 2 times", "e6: 3 times"), c.examples());
  }

  @Test
  void duplicatesPassAtLeastOnceButFailExactlyOnce() {
    int[] counts = {1, 3, 2, 1};
    Check alo = Checks.perEvent("out", counts, 0, AT_LEAST_ONCE);
    Check eos = Checks.perEvent("out", counts, 0, EXACTLY_ONCE);
    assertTrue(alo.passed());
    assertEquals(3, alo.duplicates());
    assertFalse(eos.passed());
    assertEquals(3, eos.duplicates());
  }

  @Test
  void unknownRecordsFailBothGuarantees() {
    assertFalse(Checks.perEvent("out", new int[] {1}, 2, AT_LEAST_ONCE).passed());
    assertFalse(Checks.perEvent("out", new int[] {1}, 2, EXACTLY_ONCE).passed());
  }

  @Test
  void countsBelowExpectedFailAndAboveFailOnlyExactlyOnce() {
    Map<String, Long> expected = Map.of("a", 10L, "b", 5L);
    Check low = Checks.perKey("t", expected, Map.of("a", 10L, "b", 4L), 0, AT_LEAST_ONCE);
    assertFalse(low.passed());
    assertEquals(1, low.lost());
    assertEquals(List.of("b: 4 of 5"), low.examples());
    Map<String, Long> high = Map.of("a", 12L, "b", 5L);
    assertTrue(Checks.perKey("t", expected, high, 0, AT_LEAST_ONCE).passed());
    Check eos = Checks.perKey("t", expected, high, 0, EXACTLY_ONCE);
    assertFalse(eos.passed());
    assertEquals(2, eos.duplicates());
    assertEquals(15, eos.expected());
  }

  @Test
  void aMissingKeyIsLostAndAnUnknownKeyIsUnexpected() {
    Map<String, Long> expected = Map.of("a", 10L, "b", 5L);
    Check missing = Checks.perKey("t", expected, Map.of("a", 10L), 0, AT_LEAST_ONCE);
    assertFalse(missing.passed());
    assertEquals(5, missing.lost());
    Check unknown = Checks.perKey("t", expected, Map.of("a", 10L, "b", 5L, "zz", 1L), 0,
        AT_LEAST_ONCE);
    assertFalse(unknown.passed());
    assertEquals(1, unknown.unexpected());
    assertTrue(unknown.examples().get(0).startsWith("zz: 1 but no event has this key"));
  }

  @Test
  void conflictsBetweenWorkersFailTheCheck() {
    Map<String, Long> m = Map.of("a", 1L);
    assertFalse(Checks.perKey("t", m, m, 1, AT_LEAST_ONCE).passed());
  }

  @Test
  void deadLettersAndAnUndrainedRunFail() {
    assertTrue(Checks.deadLetters(0, List.of()).passed());
    assertFalse(Checks.deadLetters(1, List.of("x")).passed());
    assertTrue(Checks.drained(true, "").passed());
    Check d = Checks.drained(false, "lag 3");
    assertFalse(d.passed());
    assertEquals(List.of("lag 3"), d.examples());
  }
}
