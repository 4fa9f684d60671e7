package dev.mephisto.harness;

import dev.mephisto.harness.process.WorkerJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options both harnesses take: the cluster, where results go, and how workers run. */
public final class RunOptions {
  @Option(names = "--bootstrap", description = "A Kafka cluster (host:port[,host:port]); default: an embedded broker started by the harness.")
  String bootstrap;
  @Option(names = "--out", defaultValue = "target/harness", description = "Where the reports go (default ${DEFAULT-VALUE}).")
  Path out;
  @Option(names = "--work-dir", description = "Where worker state and logs go (default: <out>/work).")
  Path workDir;
  @Option(names = "--seed", defaultValue = "42", description = "Seed of the input (and, for chaos, of the victims) (default ${DEFAULT-VALUE}).")
  long seed;
  @Option(names = "--session-timeout", defaultValue = "6s",
      description = "The workers' consumer session.timeout.ms: how long a killed worker's partitions wait (default ${DEFAULT-VALUE}).")
  Duration sessionTimeout;
  @Option(names = "--commit-interval", description = "The workers' commit interval (default: Mephisto's).")
  Duration commitInterval;
  @Option(names = "--worker-heap", defaultValue = "256m", description = "-Xmx of each worker (default ${DEFAULT-VALUE}).")
  String workerHeap;
  @Option(names = "--worker-jvm-options", defaultValue = "",
      description = "More JVM options of each worker, space-separated, e.g. -XX:TieredStopAtLevel=1.")
  String workerJvmOptions;
  @Option(names = "--replication-factor", defaultValue = "-1",
      description = "Replication factor of the topics the app creates; -1: the app's default (default ${DEFAULT-VALUE}).")
  int replicationFactor;

  /** Picocli's constructor. */
  public RunOptions() {}

  /** @return the cluster given, if any */
  public Optional<String> bootstrap() {
    return Optional.ofNullable(bootstrap);
  }

  /** @return where reports go */
  public Path out() {
    return out;
  }

  /** @return where worker state and logs go */
  public Path workDir() {
    return workDir != null ? workDir : out.resolve("work");
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return the workers' session timeout */
  public Duration sessionTimeout() {
    return sessionTimeout;
  }

  /** @return the workers' commit interval, if given */
  public Optional<Duration> commitInterval() {
    return Optional.ofNullable(commitInterval);
  }

  /** @return heap and JVM options of the workers */
  public WorkerJvm workerJvm() {
    return WorkerJvm.of(workerHeap, workerJvmOptions);
  }

  /** @return the replication factor, -1 for the app's default */
  public int replicationFactor() {
    return replicationFactor;
  }
}
