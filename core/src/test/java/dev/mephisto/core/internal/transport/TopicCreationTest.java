package dev.mephisto.core.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mephisto.App;
import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** Topics the app creates take the broker's default replication factor unless one is set. */
class TopicCreationTest {
  private static AppSettings settings(Map<String, String> env) {
    return App.builder("rf").broker("kafka://127.0.0.1:1").environment(env).settings();
  }

  @Test
  void theDefaultReplicationFactorIsTheBrokers() {
    assertEquals(-1, settings(Map.of()).topicReplicationFactor());
    NewTopic t = KafkaTransport.newTopic(new TopicDefinition("t", 4, -1, Map.of()));
    assertEquals(4, t.numPartitions());
    assertEquals(-1, t.replicationFactor(), "-1 in CreateTopics: the broker's default");
  }

  @Test
  void aSetReplicationFactorIsSentAsItIs() {
    assertEquals(3, settings(Map.of("MEPHISTO_TOPIC_REPLICATION_FACTOR", "3"))
        .topicReplicationFactor());
    assertEquals(3, KafkaTransport.newTopic(new TopicDefinition("t", 4, 3, Map.of()))
        .replicationFactor());
    assertThrows(ConfigurationException.class,
        () -> App.builder("rf").topicReplicationFactor(0).settings());
  }
}
