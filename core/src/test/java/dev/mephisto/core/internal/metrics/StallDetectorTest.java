package dev.mephisto.core.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.core.internal.metrics.StallDetector.Sample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StallDetectorTest {
  private static final long S = 1_000_000_000L;
  private final StallDetector<String> d = new StallDetector<>(Duration.ofSeconds(10));

  @Test
  void aPartitionWithLagWhosePositionStandsStillStallsOnceAndRecovers() {
    assertTrue(d.sample("p0", new Sample(100, 50, false, 0, 100), 0).isEmpty());
    assertTrue(d.sample("p0", new Sample(100, 50, false, 0, 100), 9 * S).isEmpty());
    var began = d.sample("p0", new Sample(100, 50, false, 0, 100), 10 * S);
    assertTrue(began.isPresent());
    assertTrue(began.get().reason().contains("lag 50 and position 100 unchanged for 10 s"),
        began.get().reason());
    assertEquals(0, began.get().sinceNanos());
    assertTrue(d.sample("p0", new Sample(100, 50, false, 0, 100), 20 * S).isEmpty(),
        "an episode is reported once");
    assertEquals(List.of("p0"), d.stalled());
    assertTrue(d.sample("p0", new Sample(150, 0, false, 0, 150), 21 * S).isEmpty());
    assertFalse(d.stalled("p0"), "it moved: no longer stalled");
    assertTrue(d.sample("p0", new Sample(150, 9, false, 0, 150), 40 * S).isPresent(),
        "a new episode is reported again");
  }

  @Test
  void pausedByBackpressureOrWithoutLagIsNotAStall() {
    d.sample("p", new Sample(5, 0, false, 0, 5), 0);
    assertTrue(d.sample("p", new Sample(5, 0, false, 0, 5), 60 * S).isEmpty(), "no lag: idle");
    d.sample("q", new Sample(5, 100, true, 0, 5), 0);
    assertTrue(d.sample("q", new Sample(5, 100, true, 0, 5), 60 * S).isEmpty(), "paused");
    assertEquals(List.of(), d.stalled());
  }

  @Test
  void recordsInFlightThatNeverGetDoneStallEvenWhilePaused() {
    d.sample("p", new Sample(200, 10, true, 64, 136), 0);
    d.sample("p", new Sample(200, 10, true, 64, 137), 5 * S); // one done: the clock restarts
    assertTrue(d.sample("p", new Sample(200, 10, true, 64, 137), 14 * S).isEmpty());
    var s = d.sample("p", new Sample(200, 10, true, 64, 137), 15 * S);
    assertTrue(s.isPresent() && s.get().reason().contains("64 record(s) in flight and none done"),
        s::toString);
  }

  @Test
  void forgottenPartitionsStartOver() {
    d.sample("p", new Sample(1, 1, false, 0, 1), 0);
    d.sample("p", new Sample(1, 1, false, 0, 1), 10 * S);
    assertTrue(d.stalled("p"));
    d.forget("p");
    assertFalse(d.stalled("p"));
    assertTrue(d.sample("p", new Sample(1, 1, false, 0, 1), 11 * S).isEmpty());
  }
}
