package dev.mephisto.testkit.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.testkit.EmbeddedKafka;
import dev.mephisto.testkit.KafkaCluster;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one cluster per JVM and target: started on first use, stopped by a JVM shutdown hook. A
 * start that failed or was skipped is remembered, so later test classes fail or skip at once
 * with the same reason instead of trying again.
 */
public final class SharedKafka {
  private static final Logger LOG = LoggerFactory.getLogger(SharedKafka.class);
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final Map<KafkaTarget, Outcome> OUTCOMES = new HashMap<>();
  private static final String TESTCONTAINERS_CLASS = "org.testcontainers.kafka.KafkaContainer";

  private SharedKafka() {}

  /**
   * @param target which broker
   * @return the running cluster
   * @throws TestAbortedException if the target cannot run here (no Docker for Testcontainers)
   * @throws RuntimeException the start failure, the same each time it is asked again
   */
  public static KafkaCluster acquire(KafkaTarget target) {
    Outcome outcome;
    LOCK.lock();
    try {
      outcome = OUTCOMES.computeIfAbsent(target, SharedKafka::start);
    } finally {
      LOCK.unlock();
    }
    return outcome.clusterOrThrow();
  }

  private static Outcome start(KafkaTarget target) {
    try {
      KafkaCluster cluster =
          switch (target) {
            case KafkaTarget.Embedded e -> EmbeddedKafka.builder().build().start();
            case KafkaTarget.External x -> ExternalKafka.connect(x.bootstrapServers());
            case KafkaTarget.Testcontainers t -> startContainer(t.image());
          };
      if (!(cluster instanceof EmbeddedKafka)) {
        // EmbeddedKafka has its own hook; the others are closed here.
        AutoCloseable closeable = (AutoCloseable) cluster;
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> closeQuietly(closeable), "mephisto-kafka-shutdown"));
      }
      LOG.info("Tests in this JVM use {}", cluster.description());
      return new Outcome(cluster, null);
    } catch (RuntimeException e) { // TestAbortedException included
      return new Outcome(null, e);
    }
  }

  private static KafkaCluster startContainer(String image) {
    try {
      Class.forName(TESTCONTAINERS_CLASS, false, SharedKafka.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException(
          "Setting '" + KafkaTarget.MODE + "' is 'testcontainers' but " + TESTCONTAINERS_CLASS
              + " is not on the test class path; add the test dependency "
              + "org.testcontainers:kafka, or unset the setting to use the embedded broker",
          e);
    }
    if (!TestcontainersKafka.dockerAvailable()) {
      throw new TestAbortedException(
          "Setting '" + KafkaTarget.MODE + "' is 'testcontainers' but Testcontainers finds no "
              + "Docker engine here; start Docker, or unset the setting to use the embedded "
              + "broker");
    }
    return TestcontainersKafka.start(image);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Closing the shared Kafka cluster failed", e);
    }
  }

  private record Outcome(KafkaCluster cluster, RuntimeException failure) {
    KafkaCluster clusterOrThrow() {
      if (failure instanceof TestAbortedException aborted) {
        throw new TestAbortedException(aborted.getMessage(), aborted);
      }
      if (failure != null) {
        throw new IllegalStateException(
            "The shared Kafka cluster could not be started: " + failure.getMessage(), failure);
      }
      return cluster;
    }
  }
}
