package dev.mephisto.harness.chaos;

import dev.mephisto.harness.process.WorkerJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of a chaos run (see {@code chaos --help}).
 *
 * @param events input events
 * @param workers worker processes
 * @param killEvery time between two kills; zero: no kills
 * @param minKills keep killing after the input is consumed until this many kills
 * @param maxKills stop killing after this many kills, even if input is still waiting
 * @param rate events produced per second (0: as fast as possible)
 * @param seed seed of the input and of the choice of victims
 * @param partitions partitions of every topic
 * @param accounts keys of the count tables
 * @param window tumbling window size of the windowed table
 * @param batchSize {@code take} size of the batch agent
 * @param batchWithin {@code take} time limit of the batch agent
 * @param sessionTimeout consumer session timeout of the workers
 * @param transactionTimeout producer transaction timeout of the workers (exactly-once), if not
 *     Kafka's default (60 s)
 * @param commitInterval the workers' commit interval, if not Mephisto's default
 * @param restartDelay how long a killed worker stays down
 * @param drainTimeout how long the group may take to process everything after the last kill
 * @param quiet how long "everything processed" must hold before the checks
 * @param workerJvm heap and options of each worker
 * @param replicationFactor of the topics, -1: the app's default
 * @param out where reports go
 * @param workDir where worker state and logs go
 * @param sabotage deliberate faults (to prove the checks)
 */
public record ChaosOptions(long events, int workers, Duration killEvery, int minKills,
    int maxKills, double rate,
    long seed, int partitions, int accounts, Duration window, int batchSize, Duration batchWithin,
    Duration sessionTimeout, Optional<Duration> transactionTimeout, Optional<Duration> commitInterval,
    Duration restartDelay, Duration drainTimeout, Duration quiet, WorkerJvm workerJvm,
    int replicationFactor, Path out, Path workDir, Set<Sabotage> sabotage) {

  /** Checks the values. */
  public ChaosOptions {
    sabotage = Set.copyOf(sabotage);
    positive(events, "--events");
    positive(workers, "--workers");
    positive(partitions, "--partitions");
    positive(accounts, "--accounts");
    positive(batchSize, "--batch-size");
    if (events > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--events was '" + events + "' but it should be at most "
          + (Integer.MAX_VALUE - 8));
    }
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " was '" + v + "' but it should be > 0");
    }
  }
}
