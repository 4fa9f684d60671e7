package dev.mephisto.bench;

import java.util.Optional;

/**
 * A way to run the workloads: raw kafka-clients loops, Kafka Streams, Mephisto. Each has one
 * {@link WorkloadRunner} class per workload.
 */
public interface Implementation {

  /** @return stable short name used on the command line and in results, e.g. {@code raw} */
  String name();

  /** @return name shown in tables and charts, e.g. {@code Kafka Streams} */
  String displayName();

  /**
   * @param workload the workload
   * @return a fresh runner for it, or empty if this implementation does not have that workload
   */
  Optional<WorkloadRunner> runner(Workload workload);
}
