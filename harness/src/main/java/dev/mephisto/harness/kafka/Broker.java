package dev.mephisto.harness.kafka;

import dev.mephisto.testkit.EmbeddedKafka;
import dev.mephisto.testkit.KafkaTestClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;

/**
 * The Kafka cluster of a run: one the harness starts in its own JVM (testkit's {@link
 * EmbeddedKafka}; the workers connect to its bootstrap), or one given with {@code --bootstrap}.
 */
public final class Broker implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrap;
  private final EmbeddedKafka embedded;
  private final KafkaTestClient client;

  private Broker(String bootstrap, EmbeddedKafka embedded) {
    this.bootstrap = bootstrap;
    this.embedded = embedded;
    this.client = KafkaTestClient.connect(bootstrap);
  }

  /**
   * @param bootstrap an existing cluster's {@code host:port[,host:port]}, or empty to start an
   *     embedded broker
   * @return the broker
   */
  public static Broker connect(Optional<String> bootstrap) {
    if (bootstrap.isPresent()) {
      String b = bootstrap.get().replaceFirst("^kafka://", "").replace(';', ',');
      return new Broker(b, null);
    }
    EmbeddedKafka k = EmbeddedKafka.builder().build().start();
    return new Broker(k.bootstrapServers(), k);
  }

  /** @return {@code host:port[,host:port]} */
  public String bootstrap() {
    return bootstrap;
  }

  /** @return whether the harness started this broker */
  public boolean embedded() {
    return embedded != null;
  }

  /** @return e.g. {@code embedded Kafka at 127.0.0.1:34567} */
  public String description() {
    return (embedded != null ? "embedded Kafka at " : "Kafka at ") + bootstrap;
  }

  /** @return the admin client */
  public Admin admin() {
    return client.admin();
  }

  /**
   * Creates a topic with the broker's default replication factor and waits until every partition
   * has a leader.
   *
   * @param name topic name
   * @param partitions partition count
   */
  public void createTopic(String name, int partitions) {
    client.createTopic(name, partitions);
  }

  /**
   * @param prefix a name prefix
   * @return the topics whose names start with it
   */
  public Set<String> topics(String prefix) {
    Set<String> all = client.topics();
    all.removeIf(t -> !t.startsWith(prefix));
    return all;
  }

  /**
   * @param groupId consumer group, or null for none
   * @param readCommitted read only committed transactional records
   * @return byte-array consumer properties
   */
  public Map<String, Object> consumerProps(String groupId, boolean readCommitted) {
    Map<String, Object> p = client.consumerProperties(groupId != null ? groupId : "none");
    if (groupId == null) {
      p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    }
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
    return p;
  }

  /** @return byte-array producer properties: acks=all, idempotent */
  public Map<String, Object> producerProps() {
    Map<String, Object> p = client.producerProperties();
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // as Mephisto's own producer: a retried batch is never overtaken by a later one
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "mephisto-harness-producer");
    return p;
  }

  static <T> T get(KafkaFuture<T> f, String what) {
    try {
      return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot " + what + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Cannot " + what + " within " + TIMEOUT.toSeconds()
          + " s: is the broker reachable?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + what, e);
    }
  }

  @Override
  public void close() {
    client.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
