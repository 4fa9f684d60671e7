package dev.mephisto.harness.scale;

import dev.mephisto.harness.process.WorkerPool;
import java.util.List;

/**
 * What a scale run measured.
 *
 * @param options the settings
 * @param broker where it ran
 * @param groups one per worker count
 */
public record ScaleResult(ScaleOptions options, String broker, List<Group> groups) {
  /**
   * One worker count.
   *
   * @param workers the worker count
   * @param appId its app id
   * @param backlog events in the backlog
   * @param eventsPerSecond backlog events / (last first-processing - first first-processing)
   * @param drainSeconds from the workers' start until the backlog was processed
   * @param normal the partitions' longest waits in steady state, before the first change
   * @param changes join, leave, kill
   * @param events input events in all
   * @param unprocessed input events never processed
   * @param reprocessed input events processed more than once
   * @param unexpectedExits workers that ended on their own
   * @param notes anything else
   */
  public record Group(int workers, String appId, long backlog, double eventsPerSecond,
      double drainSeconds, long[] normal, List<Change> changes, long events, long unprocessed,
      long reprocessed, List<WorkerPool.UnexpectedExit> unexpectedExits, List<String> notes) {}

  /**
   * One change of the group and what it cost.
   *
   * @param kind {@code join}, {@code leave} (SIGTERM) or {@code kill} (kill -9)
   * @param worker the worker that joined, left or was killed
   * @param atMillis when, epoch ms
   * @param groupMillis when the group was stable with the change (member gone or new), or -1
   * @param settledMillis when every partition had then processed a record produced after that,
   *     or -1
   * @param pauses per partition, ms ({@link PauseAnalyzer#NEVER}: not resumed)
   * @param restores table restores logged between the change and the settling
   * @param restarted whether the killed worker was started again (a group of one)
   */
  public record Change(String kind, int worker, long atMillis, long groupMillis,
      long settledMillis, long[] pauses,
      List<RestoreLog.Restore> restores, boolean restarted) {
    /** @return the longest pause over the partitions, ms */
    public long maxPause() {
      return PauseAnalyzer.quantile(pauses, 1.0);
    }

    /** @return the median pause over the partitions, ms */
    public long medianPause() {
      return PauseAnalyzer.quantile(pauses, 0.5);
    }

    /** @return the longest restore, ms, or 0 */
    public long longestRestore() {
      return restores.stream().mapToLong(RestoreLog.Restore::millis).max().orElse(0);
    }
  }
}
