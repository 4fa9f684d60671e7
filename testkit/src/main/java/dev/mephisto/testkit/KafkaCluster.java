package dev.mephisto.testkit;

import java.util.Set;

/**
 * A Kafka cluster a test talks to: the {@link EmbeddedKafka} broker, an external broker named by
 * {@code KAFKA_BOOTSTRAP_SERVERS}, or a Testcontainers broker.
 *
 * <pre>{@code
 * @WithKafka
 * class OrdersIT {
 *   @Test
 *   void countsOrders(KafkaCluster kafka) {
 *     kafka.createTopic("orders", 4);
 *     kafka.client().produceStrings("orders", List.of(KeyValue.of("ann", "{}")));
 *   }
 * }
 * }</pre>
 */
public interface KafkaCluster {

  /** @return Kafka's {@code bootstrap.servers}, e.g. {@code 127.0.0.1:40123} */
  String bootstrapServers();

  /**
   * @return test helpers bound to this cluster; owned by the cluster, so do not close it
   */
  KafkaTestClient client();

  /** @return what this cluster is, for messages, e.g. {@code embedded Kafka at 127.0.0.1:40123} */
  String description();

  /**
   * Creates a topic and waits until every partition has a leader.
   *
   * @param name topic name
   * @param partitions partition count
   */
  default void createTopic(String name, int partitions) {
    client().createTopic(name, partitions);
  }

  /** @return names of the topics that are not Kafka's internal ones */
  default Set<String> topics() {
    return client().topics();
  }
}
