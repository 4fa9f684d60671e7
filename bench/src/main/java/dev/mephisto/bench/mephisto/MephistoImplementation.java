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
    return switch (workload) {
      case CONSUME -> Optional.of(new MephistoConsume());
      case PIPE -> Optional.of(new MephistoPipe());
      case FILTER_MAP -> Optional.of(new MephistoFilterMap());
      default -> Optional.empty();
    };
  }
}
