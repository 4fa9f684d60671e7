package dev.mephisto.testkit.internal;

import dev.mephisto.MephistoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft process (combined broker and controller): formats its storage once, then starts and
 * stops a {@link KafkaRaftServer} over it as often as asked.
 */
public final class KraftNode {
  private static final Logger LOG = LoggerFactory.getLogger(KraftNode.class);
  private static volatile boolean exitGuarded;

  private final Map<String, String> properties;
  private final Path configFile;
  private KafkaRaftServer server;

  private KraftNode(Map<String, String> properties, Path configFile) {
    this.properties = properties;
    this.configFile = configFile;
  }

  /**
   * Formats the log directory with a new random cluster id.
   *
   * @param properties broker properties, see {@link BrokerConfig}
   * @param configFile where to write them for the storage tool
   * @return a formatted, stopped node
   */
  public static KraftNode format(Map<String, String> properties, Path configFile) {
    guardExit();
    writeProperties(properties, configFile);
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {"format", "--config", configFile.toString(), "--cluster-id", clusterId},
              out);
    }
    if (status != 0) {
      throw new MephistoException(
          "Cannot format the embedded broker's storage: kafka-storage format exited with "
              + status
              + " and said '"
              + output.toString(StandardCharsets.UTF_8).strip()
              + "'");
    }
    return new KraftNode(properties, configFile);
  }

  /** Starts the server; returns once the broker is unfenced and serves clients. */
  public void start() {
    if (server != null) {
      return;
    }
    KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
    try {
      starting.startup();
    } catch (RuntimeException e) {
      stopQuietly(starting);
      throw e;
    }
    server = starting;
  }

  /** Stops the server and waits until its threads are gone; the data stays. */
  public void stop() {
    KafkaRaftServer running = server;
    server = null;
    if (running != null) {
      running.shutdown();
      running.awaitShutdown();
    }
  }

  /** @return true between {@link #start()} and {@link #stop()} */
  public boolean running() {
    return server != null;
  }

  /** @return the properties the node runs with */
  public Map<String, String> properties() {
    return properties;
  }

  /** @return the properties file written for the storage tool */
  public Path configFile() {
    return configFile;
  }

  private static void stopQuietly(KafkaRaftServer starting) {
    try {
      starting.shutdown();
      starting.awaitShutdown();
    } catch (RuntimeException suppressed) {
      LOG.debug("Stopping a broker that failed to start failed too", suppressed);
    }
  }

  private static void writeProperties(Map<String, String> properties, Path file) {
    Properties p = new Properties();
    p.putAll(properties);
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "Mephisto embedded Kafka");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write broker properties to '" + file + "'", e);
    }
  }

  /**
   * A broker that hits a fatal error calls Kafka's {@code Exit}, which by default ends the JVM:
   * in a test JVM that would kill the test run instead of failing the test that caused it.
   */
  private static synchronized void guardExit() {
    if (exitGuarded) {
      return;
    }
    Exit.setExitProcedure(
        (status, message) -> {
          LOG.error("Embedded Kafka broker asked to exit the JVM ({}): {}", status, message);
          throw new MephistoException(
              "Embedded Kafka broker failed fatally with status " + status + ": " + message);
        });
    Exit.setHaltProcedure(
        (status, message) -> {
          LOG.error("Embedded Kafka broker asked to halt the JVM ({}): {}", status, message);
          throw new MephistoException(
              "Embedded Kafka broker halted with status " + status + ": " + message);
        });
    exitGuarded = true;
  }
}
