package dev.mephisto.bench.report;

import dev.mephisto.bench.RunResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The results as text tables: throughput with ratios, and memory of the count workloads. */
public final class TextReport {
  private TextReport() {}

  /**
   * @param results every run
   * @return the throughput table: records/s, MB/s, X/raw and X/Kafka Streams per run
   */
  public static String throughput(List<RunResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-15s %-18s %12s %9s %8s %8s %8s  %s%n",
        "workload", "implementation", "records/s", "MB/s", "start s", "x/raw", "x/KS", "result"));
    for (RunResult r : results) {
      sb.append(String.format(Locale.ROOT, "%-15s %-18s %12s %9s %8.2f %8s %8s  %s%n",
          r.workload(), r.implementationDisplay(),
          r.ok() ? String.format(Locale.ROOT, "%,.0f", r.recordsPerSecond()) : "-",
          r.ok() ? String.format(Locale.ROOT, "%.1f", r.mbPerSecond()) : "-",
          r.startupSeconds(),
          ratio(r, find(results, r.workload(), "raw")),
          ratio(r, find(results, r.workload(), "kafka-streams")),
          r.ok() ? "OK" : "FAILED: " + r.message()));
    }
    return sb.toString();
  }

  /**
   * @param results every run
   * @return heap and native memory of the count workloads
   */
  public static String memory(List<RunResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-15s %-18s %14s %16s  %s%n",
        "workload", "implementation", "heap peak MB", "heap retained MB", "native (RocksDB) MB"));
    for (RunResult r : results) {
      if (!r.workload().startsWith("count")) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%-15s %-18s %14.0f %16.1f  %s%n",
          r.workload(), r.implementationDisplay(), r.heapPeakMb(), r.heapRetainedMb(),
          nativeMb(r.nativeMemory())));
    }
    return sb.toString();
  }

  /**
   * @param r a run
   * @param base the run it is compared with
   * @return r's records/s divided by base's, or "-" when either failed
   */
  static String ratio(RunResult r, Optional<RunResult> base) {
    if (!r.ok() || base.isEmpty() || !base.get().ok() || base.get().recordsPerSecond() == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f", r.recordsPerSecond() / base.get().recordsPerSecond());
  }

  /**
   * @param results every run
   * @param workload workload id
   * @param implementation implementation name
   * @return that run, if it happened
   */
  public static Optional<RunResult> find(List<RunResult> results, String workload, String implementation) {
    return results.stream()
        .filter(r -> r.workload().equals(workload) && r.implementation().equals(implementation))
        .findFirst();
  }

  private static String nativeMb(Map<String, Long> memory) {
    if (memory.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    memory.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ")
        .append(k).append(' ').append(String.format(Locale.ROOT, "%.1f", v / 1e6)));
    return sb.toString();
  }
}
