package dev.mephisto.core;

import dev.mephisto.App;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.WorkerListener;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;

/**
 * Records every assignment and revocation a worker sees, in order, for tests that check which
 * partitions a rebalance moves (a cooperative rebalance revokes only those).
 *
 * @param assigned the partitions of each assignment
 * @param revoked the partitions of each revocation
 */
record RecordedRebalances(List<Set<TopicPartition>> assigned, List<Set<TopicPartition>> revoked)
    implements WorkerListener {

  /**
   * @param app an app, not started
   * @return what its worker will be assigned and revoked
   */
  static RecordedRebalances of(App app) {
    RecordedRebalances r = new RecordedRebalances(new CopyOnWriteArrayList<>(),
        new CopyOnWriteArrayList<>());
    ((MephistoApp) app).workerListener(r);
    return r;
  }

  @Override
  public void onAssigned(Collection<TopicPartition> partitions) {
    assigned.add(Set.copyOf(partitions));
  }

  @Override
  public void onRevoked(Collection<TopicPartition> partitions) {
    revoked.add(Set.copyOf(partitions));
  }
}
