package dev.mephisto.spring.boot;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The app's meters go to the context's {@code MeterRegistry} when it has one. */
class MephistoMetricsTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(30));

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MephistoAutoConfiguration.class))
      .withPropertyValues("mephisto.id=metered", "mephisto.broker=memory://",
          "mephisto.web.port=0")
      .withUserConfiguration(MephistoLifecycleTest.Words.class);

  @Test
  void theAgentsMetersAreOnTheContextsRegistry() {
    runner.withUserConfiguration(Registry.class).run(context -> {
      assertNull(context.getStartupFailure());
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      App app = context.getBean(App.class);
      assertSame(registry, app.settings().meterRegistry().orElseThrow());
      @SuppressWarnings("unchecked")
      Topic<String, String> words = context.getBean("words", Topic.class);
      words.send("k", "one").join();
      words.send("k", "two").join();
      AWAIT.until("the shout agent's records on the context's registry", () -> {
        Counter in = registry.find("mephisto.records.in").tag("agent", "shout")
            .tag("topic", "words").tag("app", "metered").counter();
        return in != null && in.count() == 2;
      });
      assertTrue(registry.find("mephisto.agent.processing").tag("agent", "shout").timer() != null,
          "the processing timer is there too");
    });
  }

  @Test
  void withoutARegistryTheAppKeepsItsOwn() {
    runner.run(context -> assertTrue(
        context.getBean(App.class).settings().meterRegistry().isEmpty()));
  }

  @Test
  void anApplicationsCustomizerMayPickAnotherRegistry() {
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    runner.withUserConfiguration(Registry.class)
        .withBean("other", AppBuilderCustomizer.class, () -> b -> b.meterRegistry(other))
        .run(context -> assertSame(other,
            context.getBean(App.class).settings().meterRegistry().orElseThrow()));
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
