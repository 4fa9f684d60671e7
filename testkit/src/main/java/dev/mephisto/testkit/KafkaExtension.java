package dev.mephisto.testkit;

import dev.mephisto.testkit.internal.KafkaTarget;
import dev.mephisto.testkit.internal.SharedKafka;
import java.lang.reflect.Parameter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one Kafka cluster lazily for the whole test JVM and injects it.
 * Use it through {@link WithKafka}.
 *
 * <p>Which cluster, decided once per JVM:
 *
 * <ul>
 *   <li>environment variable {@code KAFKA_BOOTSTRAP_SERVERS} set: that running broker;
 *   <li>else setting {@code mephisto.kafka=testcontainers} (system property or JUnit
 *       configuration parameter): a container from Testcontainers' Kafka module, image {@code
 *       apache/kafka:<version>} or {@code mephisto.kafka.image}; where no Docker engine runs,
 *       the tests are skipped with that reason;
 *   <li>else: an {@link EmbeddedKafka} broker.
 * </ul>
 *
 * <p>The cluster is stopped by a JVM shutdown hook. Tests that share it use unique topic and
 * group names ({@link KafkaTestClient#uniqueName(String)}).
 */
public final class KafkaExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  /** Used by JUnit through {@link WithKafka} or {@code @ExtendWith}. */
  public KafkaExtension() {}

  /**
   * Starts (or finds) the shared cluster for the JVM.
   *
   * @param context the current extension context, for configuration parameters
   * @return the cluster
   */
  public static KafkaCluster cluster(ExtensionContext context) {
    return SharedKafka.acquire(
        KafkaTarget.select(System.getenv(), context::getConfigurationParameter));
  }

  // Starting here, not in resolveParameter, lets a TestAbortedException skip the class: JUnit
  // turns anything thrown by a parameter resolver into a failure.
  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    Parameter p = parameterContext.getParameter();
    Class<?> type = p.getType();
    return type == KafkaCluster.class
        || type == EmbeddedKafka.class
        || type == KafkaTestClient.class
        || (type == String.class && parameterContext.isAnnotated(BootstrapServers.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    KafkaCluster cluster = cluster(context);
    Class<?> type = parameterContext.getParameter().getType();
    if (type == EmbeddedKafka.class) {
      if (cluster instanceof EmbeddedKafka embedded) {
        return embedded;
      }
      throw new ParameterResolutionException(
          "Parameter '" + parameterContext.getParameter() + "' needs the embedded broker, but "
              + "this JVM's tests use " + cluster.description() + "; declare a KafkaCluster "
              + "parameter instead, or unset KAFKA_BOOTSTRAP_SERVERS and mephisto.kafka");
    }
    if (type == KafkaTestClient.class) {
      return cluster.client();
    }
    if (type == String.class) {
      return cluster.bootstrapServers();
    }
    return cluster;
  }
}
