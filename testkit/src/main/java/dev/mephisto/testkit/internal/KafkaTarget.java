package dev.mephisto.testkit.internal;

import dev.mephisto.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.utils.AppInfoParser;

/** Which broker the tests of this JVM use, decided once from the environment and settings. */
public sealed interface KafkaTarget {
  /** Environment variable naming an external broker; it wins over everything else. */
  String ENV_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";

  /** Setting (system property or JUnit configuration parameter) choosing the broker kind. */
  String MODE = "mephisto.kafka";

  /** Setting overriding the Testcontainers image, default {@code apache/kafka:<client version>}. */
  String IMAGE = "mephisto.kafka.image";

  /** The in-process broker, {@code dev.mephisto.testkit.EmbeddedKafka}. */
  record Embedded() implements KafkaTarget {}

  /**
   * A broker that is already running.
   *
   * @param bootstrapServers its bootstrap servers
   */
  record External(String bootstrapServers) implements KafkaTarget {}

  /**
   * A broker in a Docker container started by Testcontainers.
   *
   * @param image Docker image of Apache Kafka
   */
  record Testcontainers(String image) implements KafkaTarget {}

  /**
   * @param env environment variables
   * @param settings reads a setting: system property or JUnit configuration parameter
   * @return the target the settings ask for
   * @throws ConfigurationException for an unknown {@code mephisto.kafka} value
   */
  static KafkaTarget select(Map<String, String> env, Function<String, Optional<String>> settings) {
    String bootstrap = env.get(ENV_BOOTSTRAP);
    if (bootstrap != null && !bootstrap.isBlank()) {
      return new External(bootstrap.strip());
    }
    String mode = settings.apply(MODE).map(String::strip).orElse("");
    switch (mode.toLowerCase(java.util.Locale.ROOT)) {
      case "", "embedded":
        return new Embedded();
      case "testcontainers":
        return new Testcontainers(
            settings.apply(IMAGE).map(String::strip).filter(s -> !s.isEmpty())
                .orElse("apache/kafka:" + AppInfoParser.getVersion()));
      default:
        throw new ConfigurationException(
            "Setting '" + MODE + "' was '" + mode + "' but it should be one of [embedded, "
                + "testcontainers]; unset it for the embedded broker, or set the environment "
                + "variable " + ENV_BOOTSTRAP + " to use a running broker");
    }
  }
}
