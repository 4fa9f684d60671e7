package dev.mephisto.harness.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StallTrackerTest {
  @Test
  void startUpIsNotAStallButTheLongestGapAfterwardsIs() {
    StallTracker t = new StallTracker();
    t.sample(0, 0, true);
    t.sample(20_000, 0, true); // start-up: nothing committed yet
    t.sample(21_000, 10, true);
    t.sample(22_000, 20, true);
    t.sample(25_000, 20, true);
    t.sample(29_000, 20, true);
    t.sample(30_000, 30, true);
    t.sample(31_000, 40, true);
    assertEquals(21_000, t.firstProgress());
    assertEquals(8_000, t.longestMillis());
    assertEquals(22_000, t.longestFrom());
  }

  @Test
  void timeWithNothingToDoIsNotAStall() {
    StallTracker t = new StallTracker();
    t.sample(0, 0, true);
    t.sample(1_000, 10, true);
    t.sample(5_000, 10, false);
    t.sample(9_000, 10, false);
    t.sample(10_000, 10, true);
    t.sample(11_000, 20, true);
    assertEquals(2_000, t.longestMillis());
  }

  @Test
  void aStallThatNeverEndsIsMeasuredUntilTheLastSample() {
    StallTracker t = new StallTracker();
    t.sample(0, 0, true);
    t.sample(1_000, 10, true);
    t.sample(61_000, 10, true);
    assertEquals(60_000, t.longestMillis());
  }
}
