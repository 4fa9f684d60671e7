package dev.mephisto.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mephisto.testkit.internal.KafkaTarget;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.testcontainers.DockerClientFactory;

/** Runs a {@link WithKafka} class with {@code mephisto.kafka=testcontainers} in a nested engine. */
class TestcontainersModeIT {

  @Test
  void skipsWithReasonWhereNoDockerEngineRuns() {
    assumeTrue(System.getenv(KafkaTarget.ENV_BOOTSTRAP) == null, "an external broker wins");
    assumeTrue(!DockerClientFactory.instance().isDockerAvailable(), "Docker runs here");

    EngineExecutionResults results = runWithTestcontainers();

    Event skipped =
        results.allEvents().stream()
            .filter(e -> e.getType() == EventType.FINISHED)
            .filter(e -> e.getPayload(TestExecutionResult.class)
                .map(r -> r.getStatus() == TestExecutionResult.Status.ABORTED)
                .orElse(false))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no aborted container: " + results.allEvents().list()));
    String reason =
        skipped.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    assertTrue(reason.contains("no Docker engine"), reason);
    assertTrue(reason.contains("testcontainers"), reason);
    assertEquals(0, results.testEvents().failed().count());
    assertEquals(0, results.testEvents().succeeded().count());
  }

  @Test
  void runsAgainstAContainerWhereDockerRuns() {
    assumeTrue(System.getenv(KafkaTarget.ENV_BOOTSTRAP) == null, "an external broker wins");
    assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine here");

    EngineExecutionResults results = runWithTestcontainers();

    assertEquals(1, results.testEvents().succeeded().count(), results.allEvents().list().toString());
  }

  private static EngineExecutionResults runWithTestcontainers() {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(KafkaTarget.MODE, "testcontainers")
        .selectors(selectClass(NeedsContainer.class))
        .execute();
  }

  /** Only run through {@link EngineTestKit} above (Failsafe skips nested classes). */
  @WithKafka
  static class NeedsContainer {
    @Test
    void seesTheContainer(KafkaCluster kafka) {
      assertTrue(kafka.description().startsWith("Testcontainers"), kafka.description());
    }
  }
}
