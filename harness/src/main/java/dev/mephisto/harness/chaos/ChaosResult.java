package dev.mephisto.harness.chaos;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.harness.Timeline;
import dev.mephisto.harness.process.LogDigest;
import dev.mephisto.harness.process.WorkerPool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run measured and found.
 *
 * @param appId the app id (prefix of every topic of the run)
 * @param guarantee the guarantee the workers ran and were judged by
 * @param options the settings
 * @param broker where it ran
 * @param startMillis when the workers were started, epoch ms
 * @param produceEndMillis when the last input event was acknowledged
 * @param drainedMillis when everything was processed, or -1
 * @param firstProgressMillis when the group first committed, or -1
 * @param longestStallMillis the longest time without progress while records waited
 * @param longestStallFrom when it began, or -1
 * @param kills kill -9s
 * @param unexpectedExits workers that ended on their own
 * @param stopExitCodes exit status of each worker at the final graceful stop
 * @param checks the verdicts
 * @param logDigest errors and warnings of the worker logs
 * @param timeline what happened
 * @param workDir worker state and logs
 * @param notes anything else worth knowing
 */
public record ChaosResult(String appId, ProcessingGuarantee guarantee, ChaosOptions options,
    String broker, long startMillis, long produceEndMillis, long drainedMillis,
    long firstProgressMillis, long longestStallMillis, long longestStallFrom, int kills,
    List<WorkerPool.UnexpectedExit> unexpectedExits, Map<Integer, Integer> stopExitCodes,
    List<Check> checks, List<LogDigest.Entry> logDigest, Timeline timeline, Path workDir,
    List<String> notes) {

  /** @return whether every check passed */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** @return events lost over every check */
  public long lost() {
    return checks.stream().mapToLong(Check::lost).sum();
  }

  /** @return duplicates over every check */
  public long duplicates() {
    return checks.stream().mapToLong(Check::duplicates).sum();
  }

  /** @return seconds from the start of the workers until everything was processed (or now) */
  public double seconds() {
    long end = drainedMillis > 0 ? drainedMillis : System.currentTimeMillis();
    return (end - startMillis) / 1000.0;
  }

  /** @return input events per second over {@link #seconds()} */
  public double eventsPerSecond() {
    return options.events() / Math.max(0.001, seconds());
  }

  /**
   * @param name a check's name
   * @return it
   */
  public Check check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No check '" + name + "'"));
  }
}
