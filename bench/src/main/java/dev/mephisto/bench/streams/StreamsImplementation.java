package dev.mephisto.bench.streams;

import dev.mephisto.bench.Implementation;
import dev.mephisto.bench.Workload;
import dev.mephisto.bench.WorkloadRunner;
import java.util.Optional;

/** Kafka Streams, the same version as the broker. */
public final class StreamsImplementation implements Implementation {
  /** Used by the bench's list of implementations. */
  public StreamsImplementation() {}

  @Override
  public String name() {
    return "kafka-streams";
  }

  @Override
  public String displayName() {
    return "Kafka Streams";
  }

  @Override
  public Optional<WorkloadRunner> runner(Workload workload) {
    return Optional.of(
        switch (workload) {
          case CONSUME -> new StreamsConsume();
          case PIPE -> new StreamsPipe();
          case FILTER_MAP -> new StreamsFilterMap();
          case COUNT -> new StreamsCount(false);
          case COUNT_ROCKSDB -> new StreamsCount(true);
          case WINDOWED_COUNT -> new StreamsWindowedCount();
          case REPARTITION -> new StreamsRepartition();
          case RESTORE -> new StreamsRestore();
        });
  }
}
