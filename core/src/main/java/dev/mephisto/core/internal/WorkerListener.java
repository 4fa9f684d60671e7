package dev.mephisto.core.internal;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/**
 * Told by the worker's poll loop about assignments and commits; tables use it to restore and
 * checkpoint their stores. Every method runs on the polling thread and may block.
 */
public interface WorkerListener {
  /**
   * Partitions were assigned; agents get their records only after this returns and {@link
   * #ready} says yes for them. Return quickly (restores run on their own thread).
   *
   * @param partitions the new partitions
   */
  default void onAssigned(Collection<TopicPartition> partitions) {}

  /**
   * Asked by the poll loop, on its thread, for each newly assigned partition and then again until
   * it says yes: a partition that is not ready stays paused (its tables are restoring) while the
   * others run.
   *
   * @param partition an assigned partition
   * @return true when its records may be processed
   */
  default boolean ready(TopicPartition partition) {
    return true;
  }

  /**
   * Partitions were revoked, after their done offsets were committed.
   *
   * @param partitions the partitions taken away
   */
  default void onRevoked(Collection<TopicPartition> partitions) {}

  /**
   * A commit begins: its offsets are chosen, and the producer is flushed right after this
   * returns. Write what is buffered (table write caches) now, so that the flush covers it.
   */
  default void beforeFlush() {}

  /** Every record sent so far is stored; offsets are committed right after this returns. */
  default void beforeCommit() {}

  /**
   * Exactly-once: the transaction committed (what was sent and written before {@link
   * #beforeFlush} is committed).
   */
  default void afterCommit() {}
}
