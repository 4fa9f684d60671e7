package dev.mephisto.core.internal.table;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TableTopicsTest {
  private static final OptionalInt NONE = OptionalInt.empty();

  @Test
  void theDeclaredCountWinsThenTheChangelogsThenTheFeedingTopics() {
    assertEquals(3, TableTopics.partitions(OptionalInt.of(3), OptionalInt.of(5), Map.of("o", 4), 8));
    assertEquals(5, TableTopics.partitions(NONE, OptionalInt.of(5), Map.of("o", 4), 8));
    assertEquals(4, TableTopics.partitions(NONE, NONE, Map.of("o", 4, "r", 4), 8));
    assertEquals(8, TableTopics.partitions(NONE, NONE, Map.of(), 8));
  }

  @Test
  void disagreeingTopicsGiveTheDefaultIfOneHasItElseTheLargest() {
    assertEquals(8, TableTopics.partitions(NONE, NONE, Map.of("a", 4, "b", 8, "c", 2), 8));
    assertEquals(6, TableTopics.partitions(NONE, NONE, Map.of("a", 4, "b", 6), 8));
  }

  @Test
  void aTableThatNoAgentTopicMatchesFailsNamingTheTopicAndBothCounts() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        TableTopics.check("order_count", 8, "app-order_count-changelog", NONE, Map.of("orders", 4)));
    assertTrue(e.getMessage().startsWith(
        "Table 'order_count' has 8 partitions but topic 'orders' feeding it has 4; "), e.getMessage());
    assertTrue(e.getMessage().contains("withPartitions(4)"), e.getMessage());
    ConfigurationException several = assertThrows(ConfigurationException.class, () ->
        TableTopics.check("t", 8, "app-t-changelog", NONE, Map.of("a", 4, "b", 2)));
    assertTrue(several.getMessage().contains("{a=4, b=2}"), several.getMessage());
    assertDoesNotThrow(() -> TableTopics.check("t", 4, "c", NONE, Map.of("a", 4, "b", 2)));
    assertDoesNotThrow(() -> TableTopics.check("t", 4, "c", NONE, Map.of()));
  }

  @Test
  void aChangelogOfAnotherCountFailsBecauseItHoldsTheData() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        TableTopics.check("totals", 4, "app-totals-changelog", OptionalInt.of(2), Map.of()));
    assertTrue(e.getMessage().startsWith(
        "Table 'totals' has 4 partitions but its changelog 'app-totals-changelog' has 2; "),
        e.getMessage());
  }
}
