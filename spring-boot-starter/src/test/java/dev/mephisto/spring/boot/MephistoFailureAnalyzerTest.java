package dev.mephisto.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A start that fails on Mephisto's configuration is reported with Mephisto's message. */
class MephistoFailureAnalyzerTest {

  @Test
  void isRegisteredWithSpringBoot() {
    // Spring Boot's own analyzers want constructor arguments: skip those, find ours
    assertTrue(SpringFactoriesLoader.forDefaultResourceLocation()
        .load(FailureAnalyzer.class, null, (type, name, failure) -> { })
        .stream().anyMatch(MephistoFailureAnalyzer.class::isInstance));
  }

  @Test
  void reportsTheMessageOfAConfigurationExceptionDeepInTheFailure() {
    SpringApplication application = new SpringApplication(Minimal.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setDefaultProperties(Map.of("mephisto.id", "orders",
        "mephisto.broker", "memory://", "mephisto.topic-partitions", "0"));
    Throwable failure = null;
    try {
      application.run().close();
    } catch (RuntimeException e) {
      failure = e;
    }
    assertNotNull(failure, "the start failed");
    FailureAnalysis analysis = new MephistoFailureAnalyzer().analyze(failure);
    assertNotNull(analysis);
    assertTrue(analysis.getDescription().contains("Setting 'topicPartitions' was '0'"),
        analysis.getDescription());
    assertTrue(analysis.getAction().contains("mephisto.*"), analysis.getAction());
    assertEquals(ConfigurationException.class, analysis.getCause().getClass());
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(MephistoAutoConfiguration.class)
  static class Minimal {}
}
