package dev.mephisto.core.internal.transport;

import dev.mephisto.RecordMetadata;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Headers;

/**
 * Where topics live: a Kafka cluster ({@code kafka://}) or this process ({@code memory://}). The
 * runtime above it is the same for both.
 */
public interface Transport extends AutoCloseable {
  /**
   * Creates the topics that do not exist yet.
   *
   * @param topics topics to have
   * @return the partition count of every topic asked for, as it exists now
   */
  Map<String, Integer> ensureTopics(List<TopicDefinition> topics);

  /**
   * @param topic a topic name
   * @return its partition count, if it exists
   */
  OptionalInt partitions(String topic);

  /** @return the names of every topic that exists now (Kafka's internal ones left out) */
  Set<String> topicNames();

  /**
   * Sends one record.
   *
   * @param topic topic
   * @param partition partition, or null to let the key's hash decide
   * @param key key bytes, may be null
   * @param value value bytes, may be null (tombstone)
   * @param headers headers, may be null
   * @return completes with the record's offset once stored
   */
  default CompletableFuture<RecordMetadata> send(
      String topic, Integer partition, byte[] key, byte[] value, Headers headers) {
    return send(topic, partition, key, value, headers, null);
  }

  /**
   * Sends one record with a given timestamp (forwarded records keep their event time).
   *
   * @param topic topic
   * @param partition partition, or null to let the key's hash decide
   * @param key key bytes, may be null
   * @param value value bytes, may be null (tombstone)
   * @param headers headers, may be null
   * @param timestamp epoch milliseconds, or null for now
   * @return completes with the record's offset once stored
   */
  CompletableFuture<RecordMetadata> send(String topic, Integer partition, byte[] key, byte[] value,
      Headers headers, Long timestamp);

  /**
   * Sends one record outside the worker's transaction (exactly-once): it is stored and visible to
   * {@code read_committed} readers when the returned future completes, whatever becomes of the
   * transaction. Without transactions the same as {@link #send}.
   *
   * @param topic topic
   * @param partition partition, or null to let the key's hash decide
   * @param key key bytes, may be null
   * @param value value bytes, may be null (tombstone)
   * @param headers headers, may be null
   * @param timestamp epoch milliseconds, or null for now
   * @return completes with the record's offset once stored
   */
  default CompletableFuture<RecordMetadata> sendOutsideTransaction(String topic,
      Integer partition, byte[] key, byte[] value, Headers headers, Long timestamp) {
    return send(topic, partition, key, value, headers, timestamp);
  }

  /** Blocks until every record sent so far is stored (or failed). */
  void flush();

  /**
   * @param groupId the consumer group
   * @param clientId a client id for logs
   * @return a new consumer in that group
   */
  RecordSource newSource(String groupId, String clientId);

  /**
   * @param clientId a client id for logs
   * @return a new consumer without a group, for {@link RecordSource#assign}
   */
  RecordSource newAssignedSource(String clientId);

  /**
   * A consumer without a group tuned for reading changelogs: large polls, and the earliest offset
   * when a position is out of range whatever {@code consumerAutoOffsetReset} says.
   *
   * @param clientId a client id for logs
   * @return a new consumer for {@link RecordSource#assign}
   */
  default RecordSource newRestoreSource(String clientId) {
    return newAssignedSource(clientId);
  }

  /** @param topics topics to delete, best effort */
  void deleteTopics(Collection<String> topics);

  /**
   * Transactions for exactly-once: begin, send offsets, commit. Transports without them throw.
   *
   * @return the transaction control of the shared producer
   */
  Transactions transactions();

  @Override
  void close();

  /** Transactions on the shared producer. */
  interface Transactions {
    /** Starts a transaction. */
    void begin();

    /**
     * Adds consumed offsets to the open transaction and commits it.
     *
     * @param offsets next offsets per partition
     * @param group the consumer group's metadata
     */
    void commit(
        Map<org.apache.kafka.common.TopicPartition, Long> offsets,
        org.apache.kafka.clients.consumer.ConsumerGroupMetadata group);

    /** Aborts the open transaction. */
    void abort();
  }
}
