package dev.mephisto.bench.mephisto;

import dev.mephisto.bench.Implementation;
import dev.mephisto.bench.Workload;
import dev.mephisto.bench.WorkloadRunner;
import java.util.Optional;

/** Mephisto apps written as a user would: topics, agents, tables. */
public final class MephistoImplementation implements Implementation {
  /** Used by the bench's list of implementations. */
  public MephistoImplementation() {}

  @Override
  public String name() {
    return "mephisto";
  }

  @Override
  public String displayName() {
    return "Mephisto";
  }

  @Override
  public Optional<WorkloadRunner> runner(Workload workload) {
    return Optional.of(
        switch (workload) {
          case CONSUME -> new MephistoConsume();
          case PIPE -> new MephistoPipe();
          case FILTER_MAP -> new MephistoFilterMap();
          case COUNT -> new MephistoCount(false);
          case COUNT_ROCKSDB -> new MephistoCount(true);
          case WINDOWED_COUNT -> new MephistoWindowedCount();
          case REPARTITION -> new MephistoRepartition();
          case RESTORE -> new MephistoRestore();
        });
  }
}
