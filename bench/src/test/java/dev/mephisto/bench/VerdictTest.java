package dev.mephisto.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

  @Test
  void equalTablesPassWithTheirSizeAndTotal() {
    Verdict v = Verdict.sameTable("count", Map.of("a", 2L, "b", 3L), Map.of("a", 2L, "b", 3L));
    assertTrue(v.ok());
    assertTrue(v.message().contains("2 entries, total 5"), v.message());
  }

  @Test
  void differingTablesFailNamingTheFirstDifference() {
    Verdict v = Verdict.sameTable("count", Map.of("a", 2L, "b", 3L), Map.of("a", 2L, "b", 4L, "c", 1L));
    assertFalse(v.ok());
    assertTrue(v.message().contains("2 of 3 entries differ"), v.message());
    assertTrue(v.message().contains("'b' expected 3 but was 4"), v.message());
    assertTrue(v.message().contains("total expected 5 but was 7"), v.message());
  }

  @Test
  void andKeepsTheFirstFailure() {
    Verdict v = Verdict.equal("records", 10, 10).and(Verdict.equal("bytes", 5, 4));
    assertFalse(v.ok());
    assertTrue(v.message().contains("bytes expected 5 but was 4"), v.message());
  }
}
