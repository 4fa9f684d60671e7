package dev.mephisto.testkit.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one fuzz run saw: outcomes per category, the slowest case, peak heap, failures. */
final class FuzzStats {
  private final String spec;
  private final long seed;
  private int cases;
  private int decoded;
  private int rejected;
  private final List<String> failures = new ArrayList<>();
  private final Map<String, int[]> byCategory = new TreeMap<>();
  private long slowestNanos;
  private long peakUsed;
  private String slowestCase = "";
  private final long startNanos = System.nanoTime();

  FuzzStats(String spec, long seed) {
    this.spec = spec;
    this.seed = seed;
    System.gc(); // start from a collected heap, so the peak is this run's
  }

  void record(String category, int index, long nanos, boolean wasDecoded, String failure) {
    cases++;
    int[] c = byCategory.computeIfAbsent(category, k -> new int[4]);
    c[3] += (int) Math.min(Integer.MAX_VALUE, nanos / 1_000);
    if (failure != null) {
      c[2]++;
      if (failures.size() < 20) {
        failures.add("case " + index + " (" + category + "): " + failure);
      } else if (failures.size() == 20) {
        failures.add("...");
      }
    } else if (wasDecoded) {
      decoded++;
      c[0]++;
    } else {
      rejected++;
      c[1]++;
    }
    Runtime rt = Runtime.getRuntime();
    peakUsed = Math.max(peakUsed, rt.totalMemory() - rt.freeMemory());
    if (nanos > slowestNanos) {
      slowestNanos = nanos;
      slowestCase = "case " + index + ", " + category;
    }
  }

  List<String> failures() {
    return failures;
  }

  int others() {
    return cases - decoded - rejected;
  }

  /** @return the largest heap in use seen after a case (garbage included), in bytes */
  long peakHeapBytes() {
    return peakUsed;
  }

  /** @return the summary line, e.g. {@code fuzz 'json': 2000 cases, 812 decoded, ...} */
  String summary() {
    long maxHeap = Runtime.getRuntime().maxMemory();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("fuzz '%s': %d cases, %d decoded, %d CodecException, %d anything"
            + " else; slowest case %.1f ms (%s); peak heap in use %d MB (-Xmx %d MB); %.1f s,"
            + " seed %d",
        spec, cases, decoded, rejected, others(), slowestNanos / 1e6, slowestCase,
        peakHeapBytes() >> 20, maxHeap >> 20, (System.nanoTime() - startNanos) / 1e9, seed));
    byCategory.forEach((k, v) -> sb.append(String.format("%n  %-36s %7d decoded %7d CodecException"
        + " %4d anything else %8.1f ms", k, v[0], v[1], v[2], v[3] / 1e3)));
    return sb.toString();
  }
}
