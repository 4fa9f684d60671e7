package dev.mephisto.core.internal.transport;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/** Called on the polling thread when the group hands partitions to this worker or takes them. */
public interface RebalanceHandler {
  /** @param partitions newly assigned partitions */
  void onAssigned(Collection<TopicPartition> partitions);

  /** @param partitions partitions taken away; commit what is done for them now */
  void onRevoked(Collection<TopicPartition> partitions);

  /** @param partitions partitions lost without a chance to commit */
  default void onLost(Collection<TopicPartition> partitions) {
    onRevoked(partitions);
  }
}
