package dev.mephisto.bench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.bench.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextReportTest {
  private static RunResult run(String workload, String impl, boolean ok, double seconds) {
    return run(workload, impl, ok, seconds, 1);
  }

  static RunResult run(String workload, String impl, boolean ok, double seconds, int repeat) {
    return new RunResult(workload, impl, impl, ok, ok ? "fine" : "count expected 2 but was 1",
        1_000_000, 100_000_000, seconds, 0.5, 100, 10, Map.of(), repeat, seconds * 0.9, 0, 0.5, 1.5,
        0.5);
  }

  @Test
  void ratiosCompareWithRawAndKafkaStreamsOfTheSameWorkload() {
    String table = TextReport.throughput(List.of(
        run("count", "raw", true, 1.0),
        run("count", "kafka-streams", true, 4.0)));
    // kafka-streams: 250 000 records/s, a quarter of raw's 1 000 000
    assertTrue(table.contains("250,000"), table);
    assertTrue(
        table.lines().anyMatch(
            l -> l.contains("kafka-streams") && l.contains("0.25") && l.contains("1.00")),
        table);
    assertTrue(
        table.lines().anyMatch(l -> l.startsWith("count") && l.contains("raw") && l.contains("4.00")),
        table);
  }

  @Test
  void repeatsShowTheirMedianWithMinAndMaxAndRatiosOfTheMedians() {
    String table = TextReport.throughput(List.of(
        run("count", "raw", true, 1.0, 1),
        run("count", "raw", true, 2.0, 2),
        run("count", "raw", true, 0.5, 3),
        run("count", "kafka-streams", true, 4.0, 1)));
    // raw: 500 000, 1 000 000, 2 000 000 records/s; median 1 000 000
    assertTrue(
        table.lines().anyMatch(l -> l.startsWith("count") && l.contains("raw")
            && l.contains("1,000,000") && l.contains("500,000 - 2,000,000") && l.contains("OK x3")),
        table);
    assertTrue(table.lines().anyMatch(l -> l.contains("kafka-streams") && l.contains("0.25")), table);
  }

  @Test
  void runShorterThanThreeCommitIntervalsIsFlagged() {
    String table = TextReport.throughput(List.of(
        run("count", "raw", true, 1.0, 1), run("count", "kafka-streams", true, 4.0, 1)));
    assertTrue(table.lines().anyMatch(l -> l.contains("raw") && l.contains("SHORT 1/1")), table);
    assertTrue(table.lines().noneMatch(l -> l.contains("kafka-streams") && l.contains("SHORT")), table);
  }

  @Test
  void failedRunShowsFailedWithItsReasonAndNoRatio() {
    String table = TextReport.throughput(List.of(
        run("pipe", "raw", true, 1.0),
        run("pipe", "kafka-streams", false, 0.1)));
    assertTrue(table.contains("FAILED 1/1: count expected 2 but was 1"), table);
    assertTrue(
        table.lines().noneMatch(l -> l.contains("kafka-streams") && l.contains("10,000,000")),
        table);
  }
}
