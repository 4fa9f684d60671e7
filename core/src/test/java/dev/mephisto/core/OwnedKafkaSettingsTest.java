package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.ConfigurationException;
import dev.mephisto.testkit.TestApps;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka client settings the runtime owns are never overwritten silently: a conflict fails at build(). */
class OwnedKafkaSettingsTest {
  @RegisterExtension final TestApps apps = new TestApps();

  private static AppBuilder builder() {
    // build() opens no connection: no broker is needed to see the failure
    return App.builder("owned").broker("kafka://127.0.0.1:1").environment(Map.of());
  }

  private static String failure(AppBuilder b) {
    return assertThrows(ConfigurationException.class, b::build).getMessage();
  }

  @Test
  void aConflictingGroupProtocolFailsAtBuildNamingBothValues() {
    assertEquals("Kafka setting 'group.protocol' was 'consumer' but Mephisto sets it to 'classic' "
        + "(Mephisto's assignor runs in the client, which the classic protocol needs); remove the "
        + "setting", failure(builder().kafka("group.protocol", "consumer")));
  }

  @Test
  void everyOwnedConsumerAndProducerSettingIsChecked() {
    String strategy = failure(builder().kafka("consumer.partition.assignment.strategy",
        "org.apache.kafka.clients.consumer.RangeAssignor"));
    assertEquals(true, strategy.contains("'consumer.partition.assignment.strategy' was "
        + "'org.apache.kafka.clients.consumer.RangeAssignor' but Mephisto sets it to "
        + "'dev.mephisto.core.internal.assign.MephistoAssignor'"), strategy);
    assertEquals(true, failure(builder().kafka("enable.auto.commit", "true"))
        .contains("'enable.auto.commit' was 'true' but Mephisto sets it to 'false'"));
    assertEquals(true, failure(builder().kafka("consumer.value.deserializer",
        "org.apache.kafka.common.serialization.StringDeserializer")).contains("ByteArrayDeserializer"));
    assertEquals(true, failure(builder().kafka("producer.key.serializer",
        "org.apache.kafka.common.serialization.StringSerializer")).contains("ByteArraySerializer"));
    assertEquals(true, failure(builder().kafka("group.id", "other"))
        .contains("the consumer group is the app's id"));
    assertEquals(true, failure(builder().exactlyOnce().kafka("consumer.isolation.level",
        "read_uncommitted")).contains("'read_committed'"));
  }

  @Test
  void theRuntimesOwnValuesAndOtherKindsPrefixesAreAccepted() {
    assertDoesNotThrow(() -> apps.track(builder().kafka("group.protocol", "CLASSIC")
        .kafka("enable.auto.commit", "false").kafka("producer.group.protocol", "consumer")
        .kafka("admin.enable.auto.commit", "true").kafka("consumer.max.poll.records", "10")
        .build()));
  }
}
