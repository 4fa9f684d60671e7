package dev.mephisto.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** The Kafka client calls behind {@code KafkaTestClient}'s helpers. */
public final class ClientCalls {
  private ClientCalls() {}

  /**
   * @param admin admin client
   * @param topic topic name
   * @param timeout how long to wait
   * @return its description
   */
  public static TopicDescription describe(Admin admin, String topic, Duration timeout) {
    return Futures.get(
            admin.describeTopics(List.of(topic)).allTopicNames(),
            timeout,
            "describe topic '" + topic + "'")
        .get(topic);
  }

  /**
   * @param admin admin client
   * @param topic topic name
   * @param spec earliest or latest
   * @param timeout how long to wait
   * @return the offset of each partition
   */
  public static Map<TopicPartition, Long> offsets(
      Admin admin, String topic, OffsetSpec spec, Duration timeout) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicPartition tp : partitions(admin, topic, timeout)) {
      request.put(tp, spec);
    }
    Map<TopicPartition, ListOffsetsResultInfo> result =
        Futures.get(
            admin.listOffsets(request).all(), timeout, "list offsets of topic '" + topic + "'");
    Map<TopicPartition, Long> out = new HashMap<>();
    result.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /**
   * @param admin admin client
   * @param topic topic name
   * @param timeout how long to wait
   * @return every partition of the topic
   */
  public static List<TopicPartition> partitions(Admin admin, String topic, Duration timeout) {
    int count = describe(admin, topic, timeout).partitions().size();
    List<TopicPartition> partitions = new ArrayList<>(count);
    for (int p = 0; p < count; p++) {
      partitions.add(new TopicPartition(topic, p));
    }
    return partitions;
  }

  /**
   * @param consumerProperties consumer properties; the group id is removed
   * @param partitions what to read
   * @return a consumer without a group, assigned and at the start of every partition
   */
  public static KafkaConsumer<byte[], byte[]> consumerAtStart(
      Map<String, Object> consumerProperties, List<TopicPartition> partitions) {
    Map<String, Object> props = new HashMap<>(consumerProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /**
   * @param r a record of bytes
   * @return the same record with key and value decoded as UTF-8
   */
  public static ConsumerRecord<String, String> utf8(ConsumerRecord<byte[], byte[]> r) {
    return new ConsumerRecord<>(
        r.topic(),
        r.partition(),
        r.offset(),
        r.timestamp(),
        r.timestampType(),
        r.serializedKeySize(),
        r.serializedValueSize(),
        string(r.key()),
        string(r.value()),
        r.headers(),
        r.leaderEpoch());
  }

  /**
   * @param s a string or null
   * @return its UTF-8 bytes, or null
   */
  public static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
