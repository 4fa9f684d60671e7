package dev.mephisto.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {
  private final Path dir = Path.of("/tmp/kafka-test");

  @Test
  void listensOnLoopbackOnly() {
    Map<String, String> p = BrokerConfig.properties(dir, 1111, 2222, Map.of());
    assertEquals("PLAINTEXT://127.0.0.1:1111,CONTROLLER://127.0.0.1:2222", p.get("listeners"));
    assertEquals("PLAINTEXT://127.0.0.1:1111", p.get("advertised.listeners"));
    assertEquals("1@127.0.0.1:2222", p.get("controller.quorum.voters"));
  }

  @Test
  void internalTopicsFitOneNode() {
    Map<String, String> p = BrokerConfig.properties(dir, 1111, 2222, Map.of());
    assertEquals("1", p.get("offsets.topic.replication.factor"));
    assertEquals("1", p.get("transaction.state.log.replication.factor"));
    assertEquals("1", p.get("transaction.state.log.min.isr"));
    assertEquals("1", p.get("share.coordinator.state.topic.replication.factor"));
    assertEquals("false", p.get("auto.create.topics.enable"));
    assertEquals("0", p.get("group.initial.rebalance.delay.ms"));
  }

  @Test
  void overridesReplaceDefaults() {
    Map<String, String> p =
        BrokerConfig.properties(dir, 1111, 2222, Map.of("num.partitions", "6", "foo", "bar"));
    assertEquals("6", p.get("num.partitions"));
    assertEquals("bar", p.get("foo"));
  }
}
