package dev.mephisto.testkit.internal;

import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A broker in a Docker container. Only loaded after {@link SharedKafka} checked that
 * Testcontainers' Kafka module is on the class path, so users without it never load this class.
 */
final class TestcontainersKafka implements KafkaCluster, AutoCloseable {
  private final KafkaContainer container;
  private final KafkaTestClient client;

  private TestcontainersKafka(KafkaContainer container) {
    this.container = container;
    this.client = KafkaTestClient.connect(container.getBootstrapServers());
  }

  /** @return true if Testcontainers finds a Docker engine */
  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /**
   * @param image Apache Kafka image, e.g. {@code apache/kafka:4.3.1}
   * @return a started container
   */
  static TestcontainersKafka start(String image) {
    KafkaContainer container = new KafkaContainer(image);
    container.start();
    return new TestcontainersKafka(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public KafkaTestClient client() {
    return client;
  }

  @Override
  public String description() {
    return "Testcontainers Kafka " + container.getDockerImageName() + " at " + bootstrapServers();
  }

  @Override
  public void close() {
    client.close();
    container.stop();
  }
}
