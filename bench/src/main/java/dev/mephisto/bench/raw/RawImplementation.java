package dev.mephisto.bench.raw;

import dev.mephisto.bench.Implementation;
import dev.mephisto.bench.Workload;
import dev.mephisto.bench.WorkloadRunner;
import java.util.Optional;

/** Hand-written kafka-clients loops: the ceiling the other implementations are measured against. */
public final class RawImplementation implements Implementation {
  /** Used by the bench's list of implementations. */
  public RawImplementation() {}

  @Override
  public String name() {
    return "raw";
  }

  @Override
  public String displayName() {
    return "raw kafka-clients";
  }

  @Override
  public Optional<WorkloadRunner> runner(Workload workload) {
    return Optional.of(
        switch (workload) {
          case CONSUME -> new RawConsume();
          case PIPE -> RawTransform.pipe();
          case FILTER_MAP -> RawTransform.filterMap();
          case COUNT -> new RawCount(false);
          case COUNT_ROCKSDB -> new RawCount(true);
          case WINDOWED_COUNT -> new RawWindowedCount();
          case REPARTITION -> new RawRepartition();
          case RESTORE -> new RawRestore();
        });
  }
}
