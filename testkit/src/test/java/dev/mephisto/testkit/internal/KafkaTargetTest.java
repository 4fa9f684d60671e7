package dev.mephisto.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class KafkaTargetTest {
  private static Function<String, Optional<String>> settings(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key));
  }

  @Test
  void usesEmbeddedBrokerWhenNothingIsSet() {
    assertEquals(new KafkaTarget.Embedded(), KafkaTarget.select(Map.of(), settings(Map.of())));
  }

  @Test
  void usesExternalBrokerNamedByEnvironmentVariable() {
    KafkaTarget target =
        KafkaTarget.select(
            Map.of("KAFKA_BOOTSTRAP_SERVERS", " kafka-1:9092,kafka-2:9092 "), settings(Map.of()));
    assertEquals(new KafkaTarget.External("kafka-1:9092,kafka-2:9092"), target);
  }

  @Test
  void environmentVariableWinsOverTestcontainersSetting() {
    KafkaTarget target =
        KafkaTarget.select(
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
            settings(Map.of("mephisto.kafka", "testcontainers")));
    assertEquals(new KafkaTarget.External("localhost:9092"), target);
  }

  @Test
  void blankEnvironmentVariableMeansEmbeddedBroker() {
    assertEquals(
        new KafkaTarget.Embedded(),
        KafkaTarget.select(Map.of("KAFKA_BOOTSTRAP_SERVERS", "  "), settings(Map.of())));
  }

  @Test
  void explicitEmbeddedSettingIsAccepted() {
    assertEquals(
        new KafkaTarget.Embedded(),
        KafkaTarget.select(Map.of(), settings(Map.of("mephisto.kafka", "Embedded"))));
  }

  @Test
  void testcontainersSettingUsesApacheKafkaImageOfClientVersion() {
    KafkaTarget target =
        KafkaTarget.select(Map.of(), settings(Map.of("mephisto.kafka", "testcontainers")));
    assertEquals(
        new KafkaTarget.Testcontainers("apache/kafka:" + AppInfoParser.getVersion()), target);
  }

  @Test
  void testcontainersImageCanBeOverridden() {
    KafkaTarget target =
        KafkaTarget.select(
            Map.of(),
            settings(
                Map.of("mephisto.kafka", "testcontainers", "mephisto.kafka.image", "apache/kafka-native:4.3.1")));
    assertEquals(new KafkaTarget.Testcontainers("apache/kafka-native:4.3.1"), target);
  }

  @Test
  void unknownModeFailsNamingValueAndAllowedValues() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> KafkaTarget.select(Map.of(), settings(Map.of("mephisto.kafka", "docker"))));
    assertTrue(e.getMessage().contains("'docker'"), e.getMessage());
    assertTrue(e.getMessage().contains("[embedded, testcontainers]"), e.getMessage());
    assertTrue(e.getMessage().contains("KAFKA_BOOTSTRAP_SERVERS"), e.getMessage());
  }
}
