package dev.mephisto.harness.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SabotageTest {
  @Test
  void parsesAndFormatsOptionNames() {
    Set<Sabotage> s = Sabotage.parse("lose-output, dead-letter");
    assertEquals(EnumSet.of(Sabotage.LOSE_OUTPUT, Sabotage.DEAD_LETTER), s);
    assertEquals(s, Sabotage.parse(Sabotage.format(s)));
    assertTrue(Sabotage.parse("").isEmpty());
  }

  @Test
  void unknownNameFailsListingTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class, () -> Sabotage.parse("lose-all"));
    assertTrue(e.getMessage().contains("'lose-all'") && e.getMessage().contains("lose-output"),
        e.getMessage());
  }

  @Test
  void eachFaultHitsOneEventInAThousandAndTheDeadLetterOnlyOne() {
    for (Sabotage s : Sabotage.values()) {
      long hits = java.util.stream.LongStream.range(0, 10_000).filter(s::hits).count();
      assertEquals(s == Sabotage.DEAD_LETTER ? 1 : 10, hits, s.name());
    }
    assertFalse(Sabotage.LOSE_OUTPUT.hits(2));
  }
}
