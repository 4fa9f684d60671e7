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
 * @param seconds from the first processed record to completion
 * @param startupSeconds from the start call to the first processed record
 * @param heapPeakMb highest heap use sampled during the run (whole JVM, broker included)
 * @param heapRetainedMb live heap after the run minus before it, both after a GC: the state
 * @param nativeMemory native memory figures the implementation reported, bytes
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
    Map<String, Long> nativeMemory) {

  /** Copies the map. */
  public RunResult {
    nativeMemory = Map.copyOf(nativeMemory);
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
