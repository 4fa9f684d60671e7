package dev.mephisto.harness.scale;

import dev.mephisto.harness.process.WorkerJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of a scale run (see {@code scale --help}).
 *
 * @param workerCounts the group sizes to measure, e.g. 1, 2, 4, 8
 * @param partitions partitions of the input (and of the table)
 * @param backlog events produced before the workers start (throughput)
 * @param keys accounts (keys of the table)
 * @param rate events per second while workers join, leave and are killed
 * @param settle the least time after each change before the next
 * @param settleTimeout the most time the group may take to resume every partition
 * @param sessionTimeout the workers' consumer session timeout
 * @param commitInterval the workers' commit interval, if not Mephisto's default
 * @param workerJvm heap and options of each worker
 * @param replicationFactor of the topics, -1: the app's default
 * @param seed seed of the keys
 * @param out where reports and the chart go
 * @param workDir where worker state and logs go
 * @param standbyReplicas the table's standby replicas ({@code tableStandbyReplicas})
 * @param staticMembership whether each worker joins with its own {@code groupInstanceId}
 */
public record ScaleOptions(List<Integer> workerCounts, int partitions, long backlog, int keys,
    double rate, Duration settle, Duration settleTimeout, Duration sessionTimeout,
    Optional<Duration> commitInterval, WorkerJvm workerJvm, int replicationFactor, long seed,
    Path out, Path workDir, int standbyReplicas, boolean staticMembership) {

  /** With one standby replica and dynamic membership (Mephisto's defaults). */
  public ScaleOptions(List<Integer> workerCounts, int partitions, long backlog, int keys,
      double rate, Duration settle, Duration settleTimeout, Duration sessionTimeout,
      Optional<Duration> commitInterval, WorkerJvm workerJvm, int replicationFactor, long seed,
      Path out, Path workDir) {
    this(workerCounts, partitions, backlog, keys, rate, settle, settleTimeout, sessionTimeout,
        commitInterval, workerJvm, replicationFactor, seed, out, workDir, 1, false);
  }

  /** Checks the values. */
  public ScaleOptions {
    workerCounts = List.copyOf(workerCounts);
    if (workerCounts.isEmpty() || workerCounts.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("--workers was '" + workerCounts
          + "' but it should be a list of counts >= 1, e.g. 1,2,4,8");
    }
    if (standbyReplicas < 0) {
      throw new IllegalArgumentException("--standby-replicas was '" + standbyReplicas
          + "' but it should be >= 0");
    }
    if (partitions < 1 || backlog < 1 || keys < 1 || rate <= 0) {
      throw new IllegalArgumentException("--partitions, --events, --keys and --rate must be > 0 "
          + "but were '" + partitions + "', '" + backlog + "', '" + keys + "', '" + rate + "'");
    }
  }
}
