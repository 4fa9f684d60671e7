package dev.mephisto.bench.latency;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mephisto.bench.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.utils.AppInfoParser;

/** The latency results as a text table (medians of the repeats) and as JSON. */
public final class LatencyReport {
  private LatencyReport() {}

  /**
   * @param results every run
   * @return one row per producer profile, rate and implementation: the median over the repeats of
   *     each percentile, with the p99 range, and how many runs verified
   */
  public static String table(List<LatencyResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-9s %9s %-18s %8s %8s %8s %-15s %8s %8s %9s  %s%n",
        "producer", "rate/s", "implementation", "p50 ms", "p95 ms", "p99 ms", "  p99 min-max",
        "p99.9 ms", "max ms", ">100 ms", "runs"));
    for (List<LatencyResult> runs : groups(results).values()) {
      LatencyResult first = runs.get(0);
      List<LatencyResult> ok = runs.stream().filter(LatencyResult::ok).toList();
      if (ok.isEmpty()) {
        sb.append(String.format(Locale.ROOT, "%-9s %,9d %-18s FAILED: %s%n", first.profile(),
            first.rate(), first.implementationDisplay(), first.message()));
        continue;
      }
      sb.append(String.format(Locale.ROOT,
          "%-9s %,9d %-18s %8.1f %8.1f %8.1f %-15s %8.1f %8.1f %9.0f  %d/%d OK%n",
          first.profile(), first.rate(), first.implementationDisplay(),
          median(ok, LatencyResult::p50), median(ok, LatencyResult::p95),
          median(ok, LatencyResult::p99),
          String.format(Locale.ROOT, "  %.1f-%.1f", min(ok, LatencyResult::p99), max(ok, LatencyResult::p99)),
          median(ok, LatencyResult::p999), median(ok, LatencyResult::max),
          median(ok, r -> r.over100ms()), ok.size(), runs.size()));
    }
    return sb.toString();
  }

  /**
   * @param file where to write
   * @param options the settings
   * @param results every run
   * @throws IOException if it cannot be written
   */
  public static void write(Path file, LatencyOptions options, List<LatencyResult> results)
      throws IOException {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("time", Instant.now().toString());
    root.put("kafkaVersion", AppInfoParser.getVersion());
    root.put("java", Runtime.version().toString());
    root.put("cpus", Runtime.getRuntime().availableProcessors());
    root.put("workload", "pipe");
    root.put("partitions", options.partitions());
    root.put("durationSeconds", options.duration().toNanos() / 1e9);
    root.put("warmupSeconds", options.warmup().toNanos() / 1e9);
    root.put("repeat", options.repeat());
    root.put("commitIntervalMs", options.commitInterval().toMillis());
    root.put("latency", "from each record's due time in the fixed-rate schedule to its output's "
        + "receipt by an independent consumer; HdrHistogram, microsecond resolution");
    ArrayNode medians = root.putArray("medians");
    for (List<LatencyResult> runs : groups(results).values()) {
      List<LatencyResult> ok = runs.stream().filter(LatencyResult::ok).toList();
      ObjectNode n = medians.addObject();
      n.put("profile", runs.get(0).profile());
      n.put("rate", runs.get(0).rate());
      n.put("implementation", runs.get(0).implementation());
      n.put("runs", runs.size());
      n.put("ok", ok.size());
      if (!ok.isEmpty()) {
        n.put("p50Ms", median(ok, LatencyResult::p50));
        n.put("p95Ms", median(ok, LatencyResult::p95));
        n.put("p99Ms", median(ok, LatencyResult::p99));
        n.put("p99MinMs", min(ok, LatencyResult::p99));
        n.put("p99MaxMs", max(ok, LatencyResult::p99));
        n.put("p999Ms", median(ok, LatencyResult::p999));
        n.put("maxMs", median(ok, LatencyResult::max));
      }
    }
    ArrayNode runs = root.putArray("runs");
    for (LatencyResult r : results) {
      runs.addPOJO(r);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  private static Map<String, List<LatencyResult>> groups(List<LatencyResult> results) {
    Map<String, List<LatencyResult>> out = new LinkedHashMap<>();
    for (LatencyResult r : results) {
      out.computeIfAbsent(r.profile() + "/" + r.rate() + "/" + r.implementation(), k -> new ArrayList<>())
          .add(r);
    }
    return out;
  }

  static double median(List<LatencyResult> runs, ToDoubleFunction<LatencyResult> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  private static double min(List<LatencyResult> runs, ToDoubleFunction<LatencyResult> f) {
    return runs.stream().mapToDouble(f).min().orElse(0);
  }

  private static double max(List<LatencyResult> runs, ToDoubleFunction<LatencyResult> f) {
    return Arrays.stream(runs.stream().mapToDouble(f).toArray()).max().orElse(0);
  }
}
