package dev.mephisto.bench.report;

import dev.mephisto.bench.RunResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The results as text tables: throughput (medians of the repeats) with ratios, and memory. */
public final class TextReport {
  private TextReport() {}

  /**
   * @param results every run
   * @return the throughput table, one row per workload and implementation: median records/s with
   *     min–max over the repeats, MB/s, the median timed span, x/raw and x/Kafka Streams (ratios of
   *     the medians), the load average range, and SHORT where a run spanned fewer than three
   *     commit intervals
   */
  public static String throughput(List<RunResult> results) {
    List<Figure> figures = Figure.of(results);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-15s %-18s %12s %-23s %8s %7s %7s %6s %6s %-9s %s%n",
        "workload", "implementation", "records/s", "  min - max", "MB/s", "span s", "start s",
        "x/raw", "x/KS", "load", "result"));
    for (Figure f : figures) {
      sb.append(String.format(Locale.ROOT, "%-15s %-18s %12s %-23s %8s %7.2f %7.2f %6s %6s %-9s %s%n",
          f.workload(), f.implementationDisplay(),
          f.ok() ? String.format(Locale.ROOT, "%,.0f", f.median()) : "-",
          f.ok() ? String.format(Locale.ROOT, "  %,.0f - %,.0f", f.min(), f.max()) : "",
          f.ok() ? String.format(Locale.ROOT, "%.1f", f.medianMbPerSecond()) : "-",
          f.medianSeconds(), f.medianStartupSeconds(),
          ratio(f, Figure.find(figures, f.workload(), "raw")),
          ratio(f, Figure.find(figures, f.workload(), "kafka-streams")),
          String.format(Locale.ROOT, "%.1f-%.1f", f.loadMin(), f.loadMax()),
          (f.ok() ? "OK x" + f.runs() : "FAILED " + f.failed() + "/" + f.runs() + ": " + f.message())
              + (f.shortRuns() > 0 ? "  SHORT " + f.shortRuns() + "/" + f.runs() : "")));
    }
    return sb.toString();
  }

  /**
   * @param results every run
   * @return heap and native memory of the count workloads
   */
  public static String memory(List<RunResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-15s %-18s %3s %14s %16s  %s%n",
        "workload", "implementation", "#", "heap peak MB", "heap retained MB", "native (RocksDB) MB"));
    for (RunResult r : results) {
      if (!r.workload().startsWith("count")) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%-15s %-18s %3d %14.0f %16.1f  %s%n",
          r.workload(), r.implementationDisplay(), r.repeat(), r.heapPeakMb(), r.heapRetainedMb(),
          nativeMb(r.nativeMemory())));
    }
    return sb.toString();
  }

  /**
   * @param f a figure
   * @param base the figure it is compared with
   * @return f's median records/s divided by base's, or "-" when either failed
   */
  static String ratio(Figure f, Optional<Figure> base) {
    return f.ratioTo(base).map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("-");
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
