package dev.mephisto.core.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.App;
import dev.mephisto.core.internal.assign.ClusterState;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * The worker's producer keeps one request in flight per broker, so its batches are large enough
 * that one request carries a poll's worth of outputs; its main consumer polls 1 000 records at a
 * time; a {@code kafka.producer.*} / {@code kafka.consumer.*} setting wins.
 */
class ClientSettingsTest {
  private static KafkaTransport transport(Map<String, String> kafka) {
    dev.mephisto.AppBuilder b = App.builder("ps").broker("kafka://127.0.0.1:1").environment(Map.of());
    for (var e : kafka.entrySet()) {
      b = b.kafka(e.getKey(), e.getValue());
    }
    return new KafkaTransport(b.settings(), new ClusterState("ps-__leader", "127.0.0.1", 0));
  }

  @Test
  void batchesAre128KiBWithOneRequestInFlight() {
    Map<String, Object> p = transport(Map.of()).producerProps("producer");
    assertEquals("131072", p.get(ProducerConfig.BATCH_SIZE_CONFIG));
    assertEquals("1", p.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
    assertEquals("true", p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
  }

  @Test
  void aProducerSettingOfTheAppWins() {
    Map<String, Object> p = transport(Map.of("producer.batch.size", "16384")).producerProps("producer");
    assertEquals("16384", p.get(ProducerConfig.BATCH_SIZE_CONFIG));
  }

  @Test
  void theMainConsumerTakesAThousandRecordsPerPollUnlessTheAppSaysOtherwise() {
    assertEquals(1000, transport(Map.of()).groupConsumerProps("g", "c")
        .get(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    assertEquals("200", transport(Map.of("consumer.max.poll.records", "200"))
        .groupConsumerProps("g", "c")
        .get(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
  }
}
