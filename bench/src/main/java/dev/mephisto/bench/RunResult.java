package dev.mephisto.bench;

import java.util.Map;

/**
 * The outcome of one workload run by one implementation.
 *
 * @param workload workload id
 * @param implementation implementation name
 * @param implementationDisplay implementation name for people
 * @param ok true if the result verified
 * @param message the verification, or what failed
 * @param records records processed (input records; restored entries for restore)
 * @param bytes bytes read
 * @param seconds from the first processed record until the result was durable (outputs
 *     acknowledged, changelog and store written, offsets committed — decided by {@link
 *     DurabilityObserver}); for restore, until the table was restored
 * @param startupSeconds from the start call to the first processed record
 * @param heapPeakMb highest heap use sampled during the run (whole JVM, broker included)
 * @param heapRetainedMb live heap after the run minus before it, both after a GC: the state
 * @param nativeMemory native memory figures the implementation reported, bytes
 * @param repeat which repetition this was, from 1
 * @param processedSeconds from the first processed record until the implementation counted the
 *     last one (its own progress counter: the old, unfair end), for comparison with {@code seconds}
 * @param changelogRecords records in the run's changelog topics when the result was durable
 * @param loadBefore the system load average (1 min) when the run started, -1 if unknown
 * @param loadAfter the system load average (1 min) when the run ended, -1 if unknown
 * @param commitIntervalSeconds the commit interval of the run; 0 where it does not apply (restore)
 */
public record RunResult(
    String workload,
    String implementation,
    String implementationDisplay,
    boolean ok,
    String message,
    long records,
    long bytes,
    double seconds,
    double startupSeconds,
    double heapPeakMb,
    double heapRetainedMb,
    Map<String, Long> nativeMemory,
    int repeat,
    double processedSeconds,
    long changelogRecords,
    double loadBefore,
    double loadAfter,
    double commitIntervalSeconds) {

  /** Copies the map. */
  public RunResult {
    nativeMemory = Map.copyOf(nativeMemory);
  }

  /**
   * @return true if the timed span was shorter than three commit intervals: start-up, the last
   *     commit and noise weigh too much in such a figure
   */
  public boolean shortRun() {
    return ok && commitIntervalSeconds > 0 && seconds < 3 * commitIntervalSeconds;
  }

  /** @return records per second, 0 for a failed run */
  public double recordsPerSecond() {
    return ok && seconds > 0 ? records / seconds : 0;
  }

  /** @return megabytes (10^6 bytes) per second, 0 for a failed run */
  public double mbPerSecond() {
    return ok && seconds > 0 ? bytes / seconds / 1e6 : 0;
  }
}
