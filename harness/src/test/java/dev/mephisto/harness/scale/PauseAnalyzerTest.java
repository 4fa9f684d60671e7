package dev.mephisto.harness.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PauseAnalyzerTest {
  // one record every 100 ms, each processed 10 ms after it was produced
  private static long[] produced(int n) {
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = 1_000 + i * 100L;
    }
    return a;
  }

  private static long[] steady(long[] a) {
    long[] f = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = a[i] + 10;
    }
    return f;
  }

  @Test
  void steadyProcessingHasOnlyTheNormalWait() {
    long[] a = produced(100);
    assertEquals(10, PauseAnalyzer.pause(a, steady(a), 2_000, 5_000));
  }

  @Test
  void aPartitionThatStopsPausesFromItsLastRecordUntilItResumes() {
    long[] a = produced(100);
    long[] f = steady(a);
    // records 30..59 (produced 4 000..6 900) wait until 9 000, then go one per ms
    for (int i = 30; i < 60; i++) {
      f[i] = 9_000 + (i - 30);
    }
    // record 30 was produced at 4 000 after record 29 was done at 3 910: it waited 5 000 ms
    assertEquals(5_000, PauseAnalyzer.pause(a, f, 4_500, 4_600));
    assertEquals(10, PauseAnalyzer.pause(a, f, 1_000, 3_000));
  }

  @Test
  void noRecordWaitingIsNoPause() {
    long[] a = {1_000, 9_000};
    long[] f = {1_005, 9_003};
    // nothing was produced between 2 000 and 8 000: an idle partition does not pause
    assertEquals(0, PauseAnalyzer.pause(a, f, 2_000, 8_000));
  }

  @Test
  void aRecordNeverProcessedIsAnEndlessPause() {
    long[] a = produced(5);
    long[] f = steady(a);
    f[3] = PauseAnalyzer.NEVER;
    f[4] = PauseAnalyzer.NEVER;
    assertEquals(PauseAnalyzer.NEVER, PauseAnalyzer.pause(a, f, 1_250, 1_400));
  }

  @Test
  void reprocessingOutOfOrderCountsNoNegativeWait() {
    long[] a = {1_000, 1_100, 1_200};
    long[] f = {1_500, 1_400, 1_600}; // first processings may come out of order after a replay
    assertEquals(500, PauseAnalyzer.pause(a, f, 0, 2_000));
  }

  @Test
  void quantilesUseTheNearestRank() {
    long[] v = {5, 1, 4, 2, 3};
    assertEquals(5, PauseAnalyzer.quantile(v, 1.0));
    assertEquals(3, PauseAnalyzer.quantile(v, 0.5));
    assertEquals(1, PauseAnalyzer.quantile(v, 0));
    assertEquals(0, PauseAnalyzer.quantile(new long[0], 0.5));
  }
}
