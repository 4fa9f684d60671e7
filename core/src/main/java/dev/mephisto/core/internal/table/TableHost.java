package dev.mephisto.core.internal.table;

import dev.mephisto.AppSettings;
import dev.mephisto.RecordMetadata;
import dev.mephisto.codec.Codecs;
import dev.mephisto.core.internal.assign.ClusterState;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.transport.Transport;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the tables need from the app that hosts them, and nothing more: the table runtime depends
 * on this, not on the app, so the app (and the CLI and web server that see both) sit above the
 * tables in one direction only.
 */
public interface TableHost {
  /** @return the app's settings */
  AppSettings settings();

  /** @return the app's codecs */
  Codecs codecs();

  /**
   * @param type a value type
   * @param topicSpec the codec given where it is declared, if any
   * @return the value codec chain for it
   */
  String valueSpecFor(Class<?> type, Optional<String> topicSpec);

  /** @return the transport (topics, restore consumers) */
  Transport transport();

  /** @return what the worker knows about its group */
  ClusterState cluster();

  /**
   * Sends one changelog record.
   *
   * @param topic the changelog
   * @param partition its partition
   * @param key key bytes
   * @param value value bytes or null (tombstone)
   * @return the broker's acknowledgement
   */
  CompletableFuture<RecordMetadata> sendChangelog(String topic, int partition, byte[] key,
      byte[] value);

  /** @return the topics the app's agents consume (a table is sharded like one of them) */
  Collection<String> sourceTopics();

  /** @return true once the app is stopping (long restores give up) */
  boolean stopRequested();

  /**
   * Stops the worker, from another thread, with a failure: a table found it cannot go on.
   *
   * @param what what failed, e.g. {@code "Table 'counts'"}
   * @param error why
   */
  void fatal(String what, Throwable error);

  /** @return the record the calling thread is processing, or null */
  Delivery currentDelivery();

  /** @return the decoded value of that record, or null if unknown */
  Object currentValue();
}
