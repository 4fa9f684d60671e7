package dev.mephisto.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mephisto.testkit.internal.KafkaTarget;
import dev.mephisto.testkit.internal.SharedKafka;
import org.junit.jupiter.api.Test;

@WithKafka
class KafkaExtensionIT {
  private final KafkaCluster injectedInConstructor;

  KafkaExtensionIT(KafkaCluster kafka) {
    this.injectedInConstructor = kafka;
  }

  @Test
  void injectsOneSharedClusterInEveryParameterType(
      KafkaCluster cluster, KafkaTestClient client, @BootstrapServers String bootstrap) {
    assertSame(injectedInConstructor, cluster);
    assertSame(cluster.client(), client);
    assertEquals(cluster.bootstrapServers(), bootstrap);
    assertEquals(bootstrap, client.bootstrapServers());
  }

  @Test
  void usesOneEmbeddedBrokerPerJvmWhenNothingElseIsConfigured(KafkaCluster cluster) {
    assumeTrue(System.getenv(KafkaTarget.ENV_BOOTSTRAP) == null, "an external broker is configured");
    assumeTrue(System.getProperty(KafkaTarget.MODE) == null, "mephisto.kafka is set");

    assertSame(cluster, SharedKafka.acquire(new KafkaTarget.Embedded()));
    assertEquals(EmbeddedKafka.class, cluster.getClass());
  }
}
