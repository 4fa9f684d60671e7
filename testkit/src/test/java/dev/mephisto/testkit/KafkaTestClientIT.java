package dev.mephisto.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.KeyValue;
import dev.mephisto.MephistoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

@WithKafka
class KafkaTestClientIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void producedStringsAreConsumedBackWithKeysAndValues(KafkaTestClient client) {
    String topic = KafkaTestClient.uniqueName("round-trip");
    client.createTopic(topic, 1);

    client.produceStrings(topic, List.of(KeyValue.of("a", "one"), KeyValue.of("b", "two")));

    List<ConsumerRecord<String, String>> read = client.consumeStrings(topic, 2, WAIT);
    assertEquals(List.of("a", "b"), read.stream().map(ConsumerRecord::key).toList());
    assertEquals(List.of("one", "two"), read.stream().map(ConsumerRecord::value).toList());
  }

  @Test
  void createsTopicWithRequestedPartitions(KafkaCluster kafka) {
    String topic = KafkaTestClient.uniqueName("partitioned");

    kafka.createTopic(topic, 6);

    assertTrue(kafka.topics().contains(topic));
    assertEquals(6, kafka.client().partitionCount(topic));
    assertEquals(6, kafka.client().endOffsets(topic).size());
  }

  @Test
  void creatingAnExistingTopicFailsSuggestingAUniqueName(KafkaTestClient client) {
    String topic = KafkaTestClient.uniqueName("twice");
    client.createTopic(topic, 1);

    MephistoException e = assertThrows(MephistoException.class, () -> client.createTopic(topic, 1));

    assertTrue(e.getMessage().contains("'" + topic + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("uniqueName"), e.getMessage());
  }

  @Test
  void consumeFailsWithCountsWhenTooFewRecordsArrive(KafkaTestClient client) {
    String topic = KafkaTestClient.uniqueName("short");
    client.createTopic(topic, 1);
    client.produceStrings(topic, List.of(KeyValue.of("k", "v")));

    AssertionError e =
        assertThrows(AssertionError.class, () -> client.consume(topic, 2, Duration.ofMillis(500)));

    assertTrue(e.getMessage().contains("Expected 2 records"), e.getMessage());
    assertTrue(e.getMessage().contains("read 1"), e.getMessage());
  }

  @Test
  void lagReadsZeroAfterGroupCommitsEverything(KafkaTestClient client) {
    String topic = KafkaTestClient.uniqueName("lag");
    String group = KafkaTestClient.uniqueName("group");
    client.createTopic(topic, 3);
    List<KeyValue<String, String>> records =
        IntStream.range(0, 60).mapToObj(i -> KeyValue.of("key-" + i, "value-" + i)).toList();
    client.produceStrings(topic, records);
    assertEquals(60, client.recordCount(topic));
    assertEquals(60, client.lag(group, topic));

    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(client.consumerProperties(group))) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
      Await.atMost(WAIT)
          .until(
              "group '" + group + "' consumed 60 records",
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return seen.size();
              },
              n -> n >= 60);
      consumer.commitSync();
    }

    Map<TopicPartition, Long> committed = client.committedOffsets(group);
    assertEquals(60L, committed.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(0, client.lag(group));
    assertEquals(0, client.lag(group, topic));
  }

  @Test
  void readAllReturnsEveryRecordHeldNow(KafkaTestClient client) {
    String topic = KafkaTestClient.uniqueName("read-all");
    client.createTopic(topic, 4);
    client.produceStrings(
        topic, IntStream.range(0, 25).mapToObj(i -> KeyValue.of("k" + i, "v")).toList());

    assertEquals(25, client.readAll(topic).size());
  }
}
