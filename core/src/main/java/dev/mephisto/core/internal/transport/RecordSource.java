package dev.mephisto.core.internal.transport;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer side of a transport: what the worker's poll loop needs of a Kafka consumer. Not
 * thread-safe except {@link #wakeup()}; one platform thread owns it.
 */
public interface RecordSource extends AutoCloseable {
  /**
   * Joins the group for these topics.
   *
   * @param topics topic names
   * @param handler told about assignments on the polling thread
   */
  void subscribe(Collection<String> topics, RebalanceHandler handler);

  /** @param partitions partitions to read without a group (restore, replies) */
  void assign(Collection<TopicPartition> partitions);

  /**
   * @param partition a partition of this source
   * @param offset the next offset to read
   */
  void seek(TopicPartition partition, long offset);

  /** @param partitions partitions to read from their start */
  void seekToBeginning(Collection<TopicPartition> partitions);

  /**
   * @param partitions partitions
   * @return the offset after the last record of each
   */
  Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

  /**
   * @param partitions partitions
   * @return the first offset of each
   */
  Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

  /**
   * @param partition an assigned partition
   * @return the next offset to be read
   */
  long position(TopicPartition partition);

  /**
   * @param partition an assigned partition
   * @return records between its position and its end, as of the last fetch (no request is
   *     made); empty if not known yet
   */
  default java.util.OptionalLong lag(TopicPartition partition) {
    return java.util.OptionalLong.empty();
  }

  /**
   * Waits up to {@code timeout} for records and hands each to {@code sink}, in partition order.
   *
   * @param timeout longest wait
   * @param sink receives the records
   * @return how many records were handed over
   */
  int poll(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> sink);

  /** @param partitions stop fetching these (backpressure) */
  void pause(Collection<TopicPartition> partitions);

  /** @param partitions fetch these again */
  void resume(Collection<TopicPartition> partitions);

  /** @return the partitions paused now (the polling thread only) */
  Set<TopicPartition> paused();

  /** @return the partitions this source holds now */
  Set<TopicPartition> assignment();

  /** @param nextOffsets per partition, the next offset to read after a restart */
  void commit(Map<TopicPartition, Long> nextOffsets);

  /**
   * @param partitions partitions
   * @return the committed next offset of each that has one
   */
  Map<TopicPartition, Long> committed(Set<TopicPartition> partitions);

  /** @return the group metadata, for offsets sent to a transaction */
  ConsumerGroupMetadata groupMetadata();

  /** Makes a blocked {@link #poll} return early; callable from any thread. */
  void wakeup();

  /**
   * Asks the group for a rebalance at the next poll (probing rebalances while warm-up copies are
   * built); nothing for sources without a group.
   *
   * @param reason for the log
   */
  default void requestRebalance(String reason) {}

  @Override
  void close();
}
