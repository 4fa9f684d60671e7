package dev.mephisto.testkit.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A broker someone else runs, named by {@code KAFKA_BOOTSTRAP_SERVERS}. */
public final class ExternalKafka implements KafkaCluster, AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  private final String bootstrapServers;
  private final KafkaTestClient client;

  private ExternalKafka(String bootstrapServers, KafkaTestClient client) {
    this.bootstrapServers = bootstrapServers;
    this.client = client;
  }

  /**
   * Connects and checks that a broker answers.
   *
   * @param bootstrapServers the external broker
   * @return the cluster
   * @throws ConfigurationException if no broker answers in time
   */
  public static ExternalKafka connect(String bootstrapServers) {
    return connect(bootstrapServers, CONNECT_TIMEOUT);
  }

  /**
   * Connects and checks that a broker answers.
   *
   * @param bootstrapServers the external broker
   * @param timeout how long to wait for an answer
   * @return the cluster
   * @throws ConfigurationException if no broker answers in time
   */
  public static ExternalKafka connect(String bootstrapServers, Duration timeout) {
    // A throw-away admin client: when nothing answers, it is closed without the grace period
    // that KafkaTestClient.close() gives pending calls.
    try (Admin probe =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      try {
        Futures.get(probe.describeCluster().clusterId(), timeout, "reach the broker");
      } catch (MephistoException e) {
        probe.close(Duration.ZERO);
        throw new ConfigurationException(
            "Environment variable " + KafkaTarget.ENV_BOOTSTRAP + " is '" + bootstrapServers
                + "' but no Kafka broker answered there within " + timeout
                + "; start that broker, or unset the variable to use the embedded broker",
            e);
      }
    }
    return new ExternalKafka(bootstrapServers, KafkaTestClient.connect(bootstrapServers));
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public KafkaTestClient client() {
    return client;
  }

  @Override
  public String description() {
    return "external Kafka at " + bootstrapServers + " (" + KafkaTarget.ENV_BOOTSTRAP + ")";
  }

  @Override
  public void close() {
    client.close();
  }
}
