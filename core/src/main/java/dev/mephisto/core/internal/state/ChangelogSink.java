package dev.mephisto.core.internal.state;

import dev.mephisto.RecordMetadata;
import java.util.function.BiConsumer;

/**
 * Where a {@link LoggedStore} sends its changelog records: the worker's producer. Under
 * exactly-once the records sent while a transaction is open join it.
 */
@FunctionalInterface
public interface ChangelogSink {
  /**
   * Sends one record; returns at once.
   *
   * @param topic the changelog topic
   * @param partition its partition (the state partition's number)
   * @param key key bytes
   * @param value value bytes, null for a tombstone
   * @param onAck called once with the record's metadata or the send's failure
   */
  void send(String topic, int partition, byte[] key, byte[] value,
      BiConsumer<RecordMetadata, Throwable> onAck);
}
