package dev.mephisto.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.KeyValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Brokers of their own, not the shared one: these tests stop and restart them. */
class EmbeddedKafkaIT {

  @Test
  void startsOnLoopbackAndServesClients() {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
      assertTrue(kafka.isRunning());
      assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
      assertTrue(kafka.lastStartTime().isPositive(), "start time " + kafka.lastStartTime());
      System.out.println("Embedded Kafka started in " + kafka.lastStartTime().toMillis() + " ms");
      String topic = KafkaTestClient.uniqueName("start");
      kafka.createTopic(topic, 1);
      assertTrue(kafka.topics().contains(topic));
    }
  }

  @Test
  void restartKeepsRecordsAndBootstrapServers() {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
      String bootstrap = kafka.bootstrapServers();
      String topic = KafkaTestClient.uniqueName("restart");
      kafka.createTopic(topic, 2);
      kafka.client().produceStrings(topic, List.of(KeyValue.of("k", "before restart")));

      kafka.restart();

      assertEquals(bootstrap, kafka.bootstrapServers());
      List<ConsumerRecord<String, String>> read =
          kafka.client().consumeStrings(topic, 1, Duration.ofSeconds(30));
      assertEquals("before restart", read.get(0).value());
    }
  }

  @Test
  void closeStopsBrokerAndDeletesItsData() {
    EmbeddedKafka kafka =
        EmbeddedKafka.builder().brokerProperty("num.partitions", "3").build().start();
    Path data = kafka.dataDirectory();
    assertEquals("3", kafka.brokerProperties().get("num.partitions"));
    assertTrue(Files.isDirectory(data));

    kafka.close();
    kafka.close();

    assertFalse(kafka.isRunning());
    assertFalse(Files.exists(data), data + " still exists");
  }
}
