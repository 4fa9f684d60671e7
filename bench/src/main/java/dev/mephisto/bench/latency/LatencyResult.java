package dev.mephisto.bench.latency;

import java.util.List;

/**
 * One latency run: one implementation, producer profile and rate. Latencies in milliseconds, from
 * the time a record was due to be sent (its place in the fixed-rate schedule, so a stalled sender
 * does not hide a stall: no coordinated omission) to the moment an independent consumer received
 * the output it caused.
 *
 * @param implementation implementation name
 * @param implementationDisplay implementation name for people
 * @param profile producer profile id ({@code equal}, {@code defaults})
 * @param rate input records/s asked for
 * @param repeat which repetition, from 1
 * @param ok true if every measured record arrived and nothing failed
 * @param message what failed, or a summary
 * @param sent measured records sent
 * @param received measured records received (duplicates not counted)
 * @param duplicates measured records received more than once
 * @param achievedRate measured records sent per second of the measured phase
 * @param p50 median latency, ms
 * @param p95 95th percentile, ms
 * @param p99 99th percentile, ms
 * @param p999 99.9th percentile, ms
 * @param max the highest latency, ms
 * @param over100ms records slower than 100 ms
 * @param loadBefore system load average (1 min) at the start, -1 if unknown
 * @param loadAfter system load average (1 min) at the end, -1 if unknown
 * @param spikes the worst spikes, worst first, at least 1 s apart: {seconds after the measured
 *     start, highest latency ms in that 100 ms of due time}; evenly spaced spikes point at something
 *     periodic (commits, GC)
 */
public record LatencyResult(
    String implementation,
    String implementationDisplay,
    String profile,
    int rate,
    int repeat,
    boolean ok,
    String message,
    long sent,
    long received,
    long duplicates,
    double achievedRate,
    double p50,
    double p95,
    double p99,
    double p999,
    double max,
    long over100ms,
    double loadBefore,
    double loadAfter,
    List<double[]> spikes) {

  /** Copies the list. */
  public LatencyResult {
    spikes = List.copyOf(spikes);
  }
}
