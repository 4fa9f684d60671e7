package dev.mephisto;

import java.time.Instant;

/**
 * Where a sent message landed.
 *
 * @param topic the topic (or channel) name
 * @param partition the partition
 * @param offset the offset in that partition
 * @param timestamp the record's timestamp
 */
public record RecordMetadata(String topic, int partition, long offset, Instant timestamp) {}
