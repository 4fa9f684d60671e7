package dev.mephisto.core.internal.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimersTest {
  @Test
  void aTimerRunsOnAFixedGridSoItsRunsNeverDrift() {
    long origin = 1_000;
    long interval = 100;
    assertEquals(1_100, Timers.nextTick(origin, interval, 1_000), "first run one interval after start");
    assertEquals(1_100, Timers.nextTick(origin, interval, 1_099));
    // a run that took 37 units: the next one is still on the grid, not 100 after it ended
    assertEquals(1_200, Timers.nextTick(origin, interval, 1_137));
    assertEquals(1_200, Timers.nextTick(origin, interval, 1_100));
    // 50 runs later, still on the grid
    assertEquals(6_100, Timers.nextTick(origin, interval, 6_000 + 37));
  }

  @Test
  void timesMissedByALongRunAreSkippedNotRunInABurst() {
    assertEquals(1_400, Timers.nextTick(1_000, 100, 1_350));
    assertEquals(1_100, Timers.nextTick(1_000, 100, 900), "a clock before the origin");
  }
}
