package dev.mephisto.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.Agent;
import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The worker runs while the context runs; agents, topics and configurers are beans. */
class MephistoLifecycleTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(30));

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MephistoAutoConfiguration.class))
      .withPropertyValues("mephisto.id=words", "mephisto.broker=memory://",
          "mephisto.web.port=0")
      .withUserConfiguration(Words.class);

  @Test
  void theWorkerRunsAgentBeansWhileTheContextRuns() {
    ConfigurableApplicationContext[] kept = new ConfigurableApplicationContext[1];
    MephistoLifecycle[] lifecycles = new MephistoLifecycle[1];
    App[] apps = new App[1];
    runner.run(context -> {
      assertNull(context.getStartupFailure());
      kept[0] = context;
      MephistoLifecycle lifecycle = context.getBean(MephistoLifecycle.class);
      lifecycles[0] = lifecycle;
      apps[0] = context.getBean(App.class);
      assertTrue(lifecycle.isRunning());
      @SuppressWarnings("unchecked")
      Topic<String, String> words = context.getBean("words", Topic.class);
      words.send("k", "hello").join();
      words.send("k", "world").join();
      List<String> seen = context.getBean(Words.class).seen;
      AWAIT.until("both words processed", () -> seen.equals(List.of("HELLO", "WORLD")));
      // configurers ran before start, in their order; the agent they declared ran too
      assertEquals(List.of("first", "second"), context.getBean(Words.class).configured);
      AWAIT.until("the configurer's agent saw both", () -> context.getBean(Words.class).counted == 2);
    });
    assertFalse(kept[0].isActive(), "closed");
    assertFalse(lifecycles[0].isRunning(), "the worker stopped with the context");
    App app = apps[0];
    assertThrows(ConfigurationException.class, () -> app.agent(app.channel(String.class)),
        "a stopped app takes no declarations");
  }

  @Test
  void withAutoStartupOffTheWorkerWaitsAndStartsOnlyOnce() {
    runner.withPropertyValues("mephisto.auto-startup=false").run(context -> {
      MephistoLifecycle lifecycle = context.getBean(MephistoLifecycle.class);
      assertFalse(lifecycle.isRunning());
      assertTrue(context.getBean(Words.class).configured.isEmpty(), "configurers wait too");
      lifecycle.start();
      assertTrue(lifecycle.isRunning());
      assertEquals(List.of("first", "second"), context.getBean(Words.class).configured);
      lifecycle.stop();
      assertFalse(lifecycle.isRunning());
      IllegalStateException e = assertThrows(IllegalStateException.class, lifecycle::start);
      assertTrue(e.getMessage().contains("cannot start again"), e.getMessage());
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class Words {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<String> configured = new CopyOnWriteArrayList<>();
    volatile int counted;

    @Bean
    Topic<String, String> words(App app) {
      return app.topic("words", String.class, String.class);
    }

    @Bean
    Agent<String, String> shout(App app, Topic<String, String> words) {
      return app.agent(words).name("shout").start(stream -> {
        for (String word : stream) {
          seen.add(word.toUpperCase());
        }
      });
    }

    @Bean
    @Order(2)
    AppConfigurer second(Topic<String, String> words) {
      return app -> {
        configured.add("second");
        app.agent(words).name("count").start(stream -> {
          for (String ignored : stream) {
            counted++;
          }
        });
      };
    }

    @Bean
    @Order(1)
    AppConfigurer first() {
      return app -> configured.add("first");
    }
  }
}
