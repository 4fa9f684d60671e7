package dev.mephisto.bench.report;

import dev.mephisto.bench.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repeats of one workload by one implementation, summed up: median, min and max records/s
 * over the runs, whether any run was short, and the load average seen.
 *
 * @param workload workload id
 * @param implementation implementation name
 * @param implementationDisplay implementation name for people
 * @param runs runs made
 * @param failed runs that failed; a figure with a failed run is not OK and shows no throughput
 * @param median median records/s of the runs
 * @param min lowest records/s
 * @param max highest records/s
 * @param medianMbPerSecond median MB/s
 * @param medianSeconds median timed span
 * @param medianStartupSeconds median start-up time
 * @param shortRuns runs shorter than three commit intervals
 * @param loadMin lowest load average seen at a run's start or end
 * @param loadMax highest load average seen at a run's start or end
 * @param message the first failure, else the first run's verification
 */
public record Figure(
    String workload,
    String implementation,
    String implementationDisplay,
    int runs,
    int failed,
    double median,
    double min,
    double max,
    double medianMbPerSecond,
    double medianSeconds,
    double medianStartupSeconds,
    int shortRuns,
    double loadMin,
    double loadMax,
    String message) {

  /** @return true if every run verified */
  public boolean ok() {
    return runs > 0 && failed == 0;
  }

  /**
   * @param results every run, any order
   * @return one figure per workload and implementation, in the order they first appear
   */
  public static List<Figure> of(List<RunResult> results) {
    Map<String, List<RunResult>> groups = new LinkedHashMap<>();
    for (RunResult r : results) {
      groups.computeIfAbsent(r.workload() + "\u0000" + r.implementation(), k -> new ArrayList<>()).add(r);
    }
    List<Figure> out = new ArrayList<>();
    for (List<RunResult> runs : groups.values()) {
      RunResult first = runs.get(0);
      List<RunResult> failed = runs.stream().filter(r -> !r.ok()).toList();
      double[] rate = runs.stream().mapToDouble(RunResult::recordsPerSecond).sorted().toArray();
      double loadMin = runs.stream().mapToDouble(r -> Math.min(r.loadBefore(), r.loadAfter())).min().orElse(-1);
      double loadMax = runs.stream().mapToDouble(r -> Math.max(r.loadBefore(), r.loadAfter())).max().orElse(-1);
      boolean ok = failed.isEmpty();
      out.add(new Figure(first.workload(), first.implementation(), first.implementationDisplay(),
          runs.size(), failed.size(),
          ok ? median(rate) : 0, ok ? rate[0] : 0, ok ? rate[rate.length - 1] : 0,
          ok ? median(runs.stream().mapToDouble(RunResult::mbPerSecond).toArray()) : 0,
          median(runs.stream().mapToDouble(RunResult::seconds).toArray()),
          median(runs.stream().mapToDouble(RunResult::startupSeconds).toArray()),
          (int) runs.stream().filter(RunResult::shortRun).count(), loadMin, loadMax,
          ok ? first.message() : failed.get(0).message()));
    }
    return out;
  }

  /**
   * @param figures figures
   * @param workload workload id
   * @param implementation implementation name
   * @return that figure, if there is one
   */
  public static Optional<Figure> find(List<Figure> figures, String workload, String implementation) {
    return figures.stream()
        .filter(f -> f.workload().equals(workload) && f.implementation().equals(implementation))
        .findFirst();
  }

  /**
   * @param base the figure to compare with
   * @return this median divided by the base's, if both are OK
   */
  public Optional<Double> ratioTo(Optional<Figure> base) {
    if (!ok() || base.isEmpty() || !base.get().ok() || base.get().median() == 0) {
      return Optional.empty();
    }
    return Optional.of(median / base.get().median());
  }

  /**
   * @param values values
   * @return their median (the mean of the middle two for an even count), 0 for none
   */
  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
