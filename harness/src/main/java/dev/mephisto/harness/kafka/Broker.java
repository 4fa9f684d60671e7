package dev.mephisto.harness.kafka;

import dev.mephisto.harness.Poll;
import dev.mephisto.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka cluster of a run: one the harness starts in its own JVM (testkit's {@link
 * EmbeddedKafka}; the workers connect to its bootstrap), or one given with {@code --bootstrap}.
 */
public final class Broker implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrap;
  private final EmbeddedKafka embedded;
  private final Admin admin;

  private Broker(String bootstrap, EmbeddedKafka embedded) {
    this.bootstrap = bootstrap;
    this.embedded = embedded;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.CLIENT_ID_CONFIG, "mephisto-harness-admin"));
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
    return admin;
  }

  /**
   * Creates a topic and waits until it exists.
   *
   * @param name topic name
   * @param partitions partition count
   * @param replicationFactor replicas, or -1 for the broker's default
   */
  public void createTopic(String name, int partitions, int replicationFactor) {
    NewTopic t = new NewTopic(name, Optional.of(partitions),
        replicationFactor > 0 ? Optional.of((short) replicationFactor) : Optional.empty());
    get(admin.createTopics(List.of(t)).all(), "create topic '" + name + "'");
    // a partition without a leader yet makes the first sends fail and retry; before Kafka 4.x
    // fixes it, such a retry can be rejected as out of sequence for ever
    boolean led = Poll.until(TIMEOUT, Duration.ofMillis(50), () -> {
      TopicDescription d = get(admin.describeTopics(List.of(name)).allTopicNames(), "describe '"
          + name + "'").get(name);
      return d.partitions().size() == partitions
          && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    });
    if (!led) {
      throw new IllegalStateException("Topic '" + name + "' has partitions without a leader after "
          + TIMEOUT.toSeconds() + " s");
    }
  }

  /**
   * @param prefix a name prefix
   * @return the topics whose names start with it
   */
  public Set<String> topics(String prefix) {
    Set<String> all = get(admin.listTopics().names(), "list topics");
    Set<String> out = new TreeSet<>();
    all.stream().filter(t -> t.startsWith(prefix)).forEach(out::add);
    return out;
  }

  /**
   * @param groupId consumer group, or null for none
   * @param readCommitted read only committed transactional records
   * @return byte-array consumer properties
   */
  public Map<String, Object> consumerProps(String groupId, boolean readCommitted) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    if (groupId != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
    return p;
  }

  /** @return byte-array producer properties: acks=all, idempotent */
  public Map<String, Object> producerProps() {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
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
    admin.close(Duration.ofSeconds(10));
    if (embedded != null) {
      embedded.close();
    }
  }
}
