package dev.mephisto.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mephisto.testkit.KafkaCluster;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Records written as {@code "key@millis"}: that key, that timestamp, the text as value. */
final class TimedRecords {
  private TimedRecords() {}

  /**
   * @param kafka the broker
   * @param topic the topic
   * @param keyAtMillis e.g. {@code "ann@1000"}
   */
  static void send(KafkaCluster kafka, String topic, String... keyAtMillis) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String s : keyAtMillis) {
      String[] p = s.split("@");
      records.add(new ProducerRecord<>(topic, null, Long.parseLong(p[1]), p[0].getBytes(UTF_8),
          s.getBytes(UTF_8)));
    }
    kafka.client().send(records);
  }
}
