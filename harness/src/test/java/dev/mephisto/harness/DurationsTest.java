package dev.mephisto.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsShortAndIsoForms() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms", "--x"));
    assertEquals(Duration.ofSeconds(10), Durations.parse("10s", "--x"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s", "--x"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m", "--x"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h", "--x"));
    assertEquals(Duration.ofSeconds(10), Durations.parse("PT10S", "--x"));
    assertEquals(Duration.ZERO, Durations.parse("0s", "--x"));
  }

  @Test
  void rejectsOthersNamingTheOptionAndTheValue() {
    var e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("ten", "--kill-every"));
    assertTrue(e.getMessage().startsWith("--kill-every was 'ten' but it should be a duration"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("-PT1S", "--x"));
  }
}
