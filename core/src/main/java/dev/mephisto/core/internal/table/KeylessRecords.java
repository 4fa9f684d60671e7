package dev.mephisto.core.internal.table;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changelog records without a key are skipped: this app never writes one, a compacted topic
 * cannot hold one (the broker refuses it), so one is a record someone else put there, and it
 * names no table entry. One WARN per changelog partition names the first one's coordinates;
 * further ones are counted at DEBUG, so a flood of them cannot flood the log.
 */
final class KeylessRecords {
  private static final Logger log = LoggerFactory.getLogger(KeylessRecords.class);
  private static final Set<TopicPartition> warned = ConcurrentHashMap.newKeySet();

  private KeylessRecords() {}

  /**
   * @param r a changelog record
   * @return true if it has a key (apply it), false if it is skipped
   */
  static boolean accept(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() != null) {
      return true;
    }
    if (warned.size() < 10_000 && warned.add(new TopicPartition(r.topic(), r.partition()))) {
      log.warn("Skipped a record without a key in changelog '{}' partition {} offset {}: a table "
          + "entry needs a key, this app never writes one and a compacted changelog cannot hold "
          + "one; further ones in this partition are only logged at DEBUG", r.topic(),
          r.partition(), r.offset());
    } else {
      log.debug("Skipped a record without a key in changelog '{}' partition {} offset {}",
          r.topic(), r.partition(), r.offset());
    }
    return false;
  }
}
