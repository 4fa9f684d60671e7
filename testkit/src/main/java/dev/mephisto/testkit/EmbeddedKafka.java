package dev.mephisto.testkit;

import dev.mephisto.MephistoException;
import dev.mephisto.testkit.internal.BrokerConfig;
import dev.mephisto.testkit.internal.KraftNode;
import dev.mephisto.testkit.internal.LoopbackPorts;
import dev.mephisto.testkit.internal.QuietBrokerLogging;
import dev.mephisto.testkit.internal.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM: one KRaft node that is both broker and controller,
 * listening on 127.0.0.1 at a random free port, with its data in a temporary directory that
 * {@link #close()} deletes. It starts in a few seconds.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
 *   kafka.createTopic("orders", 4);
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Internal topics have one replica, automatic topic creation is off, and the first group
 * rebalance is not delayed. The broker's own logging is turned down to WARN (see {@code
 * -Dmephisto.kafka.logging=verbose}). Tests usually share one broker per JVM through {@link
 * WithKafka} instead of starting their own.
 */
public final class EmbeddedKafka implements KafkaCluster, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int START_ATTEMPTS = 3;

  private final Map<String, String> overrides;
  private final ReentrantLock lock = new ReentrantLock();
  private Path directory;
  private KraftNode node;
  private KafkaTestClient client;
  private Thread shutdownHook;
  private Duration lastStartTime = Duration.ZERO;
  private boolean closed;

  private EmbeddedKafka(Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  /** @return a builder for a broker with the test defaults */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the broker if it is not running: formats fresh storage the first time, and reuses it
   * after {@link #stop()}.
   *
   * @return this broker, running
   */
  public EmbeddedKafka start() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("This EmbeddedKafka is closed; build a new one");
      }
      if (node != null && node.running()) {
        return this;
      }
      long begin = System.nanoTime();
      if (node == null) {
        QuietBrokerLogging.apply();
        directory = TempDirs.create("mephisto-kafka-");
        node = formatAndStart();
        shutdownHook = new Thread(this::close, "mephisto-embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      } else {
        // Same ports, so clients that hold the bootstrap string reconnect by themselves.
        node.start();
      }
      lastStartTime = Duration.ofNanos(System.nanoTime() - begin);
      LOG.info(
          "Embedded Kafka {} started at {} in {} ms",
          AppInfoParser.getVersion(),
          bootstrapServers(),
          lastStartTime.toMillis());
      return this;
    } finally {
      lock.unlock();
    }
  }

  private KraftNode formatAndStart() {
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path data = directory.resolve("data-" + attempt);
      int[] ports = LoopbackPorts.free(2);
      Map<String, String> props = BrokerConfig.properties(data, ports[0], ports[1], overrides);
      KraftNode formatted =
          KraftNode.format(props, directory.resolve("server-" + attempt + ".properties"));
      try {
        formatted.start();
        return formatted;
      } catch (RuntimeException e) {
        // Most likely another process took one of the probed ports; try new ones.
        LOG.debug("Embedded Kafka start attempt {} failed", attempt, e);
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
        TempDirs.deleteRecursively(data);
      }
    }
    TempDirs.deleteRecursively(directory);
    directory = null;
    throw new MephistoException(
        "Cannot start the embedded Kafka broker after "
            + START_ATTEMPTS
            + " attempts on fresh loopback ports; the first failure is the cause",
        failure);
  }

  /** Stops the broker and keeps its data; {@link #start()} brings it back on the same ports. */
  public void stop() {
    lock.lock();
    try {
      if (node != null) {
        node.stop();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops and starts the broker over the same data and ports, e.g. to test reconnecting clients.
   *
   * @return this broker, running again
   */
  public EmbeddedKafka restart() {
    stop();
    return start();
  }

  /** @return true while the broker serves clients */
  public boolean isRunning() {
    lock.lock();
    try {
      return node != null && node.running();
    } finally {
      lock.unlock();
    }
  }

  /** @return how long the last {@link #start()} took, formatting included */
  public Duration lastStartTime() {
    return lastStartTime;
  }

  /** @return the broker's data directory, which {@link #close()} deletes */
  public Path dataDirectory() {
    return Path.of(requireStarted().properties().get("log.dirs"));
  }

  /** @return the properties the broker runs with, defaults and overrides merged */
  public Map<String, String> brokerProperties() {
    return Map.copyOf(requireStarted().properties());
  }

  @Override
  public String bootstrapServers() {
    String listeners = requireStarted().properties().get("advertised.listeners");
    return listeners.substring(listeners.indexOf("://") + 3);
  }

  @Override
  public KafkaTestClient client() {
    lock.lock();
    try {
      requireStarted();
      if (client == null) {
        client = KafkaTestClient.connect(bootstrapServers());
      }
      return client;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String description() {
    return node == null
        ? "embedded Kafka (not started)"
        : "embedded Kafka " + AppInfoParser.getVersion() + " at " + bootstrapServers();
  }

  /** Stops the broker and deletes its data. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (client != null) {
        client.close();
        client = null;
      }
      if (node != null) {
        node.stop();
      }
      if (directory != null) {
        TempDirs.deleteRecursively(directory);
      }
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already exiting; the hook runs or has run
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private KraftNode requireStarted() {
    KraftNode n = node;
    if (n == null) {
      throw new IllegalStateException("The embedded Kafka broker is not started; call start()");
    }
    return n;
  }

  /** Builds an {@link EmbeddedKafka}; every broker property can be overridden. */
  public static final class Builder {
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Replaces one broker property, e.g. {@code ("num.partitions", "4")}.
     *
     * @param name Kafka broker property name
     * @param value its value
     * @return this builder
     */
    public Builder brokerProperty(String name, String value) {
      overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Creates topics the way a stock Kafka broker does: a topic a client asks for by name
     * (metadata of a producer or consumer) is created at once with {@code num.partitions}
     * partitions. The test default is off, which hides the mistakes this causes in production.
     *
     * @return this builder
     */
    public Builder autoCreateTopics() {
      return brokerProperty("auto.create.topics.enable", "true");
    }

    /** @return a broker that is not started yet */
    public EmbeddedKafka build() {
      return new EmbeddedKafka(overrides);
    }
  }
}
