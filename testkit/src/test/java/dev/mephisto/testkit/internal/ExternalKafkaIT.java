package dev.mephisto.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@WithKafka
class ExternalKafkaIT {

  @Test
  void connectsToARunningBrokerByItsBootstrapServers(KafkaCluster running) {
    try (ExternalKafka external = ExternalKafka.connect(running.bootstrapServers())) {
      String topic = KafkaTestClient.uniqueName("external");
      external.createTopic(topic, 2);
      assertEquals(2, running.client().partitionCount(topic));
      assertTrue(external.description().contains("KAFKA_BOOTSTRAP_SERVERS"));
    }
  }

  @Test
  void failsNamingTheVariableWhenNoBrokerAnswers() {
    int deadPort = LoopbackPorts.free(1)[0];
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> ExternalKafka.connect("127.0.0.1:" + deadPort, Duration.ofSeconds(2)));
    assertTrue(e.getMessage().contains("KAFKA_BOOTSTRAP_SERVERS"), e.getMessage());
    assertTrue(e.getMessage().contains("'127.0.0.1:" + deadPort + "'"), e.getMessage());
  }
}
