package dev.mephisto.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.RestoreProgress;
import dev.mephisto.WorkerState;
import dev.mephisto.testkit.Await;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator's {@code mephisto} contributor follows the worker's {@code LifecycleListener}: out of
 * service until the worker is assigned and restored, up while it runs, out of service once it
 * stops, down when its poll loop failed.
 */
class MephistoHealthIndicatorTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(30));

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MephistoAutoConfiguration.class,
          MephistoHealthAutoConfiguration.class))
      .withPropertyValues("mephisto.id=health", "mephisto.broker=memory://",
          "mephisto.web.port=0", "mephisto.auto-startup=false")
      .withUserConfiguration(MephistoLifecycleTest.Words.class);

  @Test
  void outOfServiceUntilTheWorkerRunsThenUpThenOutOfServiceOnceItStopped() {
    runner.run(context -> {
      assertNull(context.getStartupFailure());
      MephistoHealthIndicator indicator = context.getBean(MephistoHealthIndicator.class);
      MephistoLifecycle lifecycle = context.getBean(MephistoLifecycle.class);
      Health before = indicator.health(true);
      assertEquals(Status.OUT_OF_SERVICE, before.getStatus());
      assertEquals("not started", before.getDetails().get("state"), before::toString);
      assertEquals("health", before.getDetails().get("app"));

      lifecycle.start();
      Health running = AWAIT.until("the worker is ready", () -> indicator.health(true),
          h -> h.getStatus().equals(Status.UP));
      assertEquals("running", running.getDetails().get("state"), running::toString);
      assertTrue(context.getBean(MephistoWorkerState.class).ready());

      lifecycle.stop();
      Health after = indicator.health(true);
      assertEquals(Status.OUT_OF_SERVICE, after.getStatus(), after::toString);
      assertEquals("stopped", after.getDetails().get("state"), after::toString);
    });
  }

  @Test
  void theWorkerStateIsRegisteredOnAnAppBeanOfTheApplicationToo() {
    runner.withUserConfiguration(OwnApp.class).run(context -> {
      App app = context.getBean(App.class);
      assertSame(context.getBean(OwnApp.class).app, app);
      MephistoHealthIndicator indicator = context.getBean(MephistoHealthIndicator.class);
      app.start();
      try {
        AWAIT.until("the application's worker is ready",
            () -> indicator.health(true).getStatus(), Status.UP::equals);
      } finally {
        app.stop();
      }
    });
  }

  @Test
  void restoringTablesKeepItOutOfServiceWithTheirProgressAndAFailedLoopIsDown() {
    runner.run(context -> {
      MephistoWorkerState state = new MephistoWorkerState();
      MephistoHealthIndicator indicator =
          new MephistoHealthIndicator(context.getBean(App.class), state);
      state.onStateChange(WorkerState.STARTING, WorkerState.ASSIGNED);
      assertEquals(Status.OUT_OF_SERVICE, indicator.health(true).getStatus());
      state.onStateChange(WorkerState.ASSIGNED, WorkerState.RESTORING);
      state.onRestoreProgress(new RestoreProgress("counts", 2, 250, 1000, 500.0,
          Optional.of(Duration.ofMillis(1500)), false));
      state.onRestoreProgress(new RestoreProgress("counts", 0, 10, 10, 100.0,
          Optional.empty(), true));
      Health restoring = indicator.health(true);
      assertEquals(Status.OUT_OF_SERVICE, restoring.getStatus());
      assertEquals("restoring", restoring.getDetails().get("state"));
      assertEquals(Map.of("counts/2", "250 of 1000, 1 s left"),
          restoring.getDetails().get("restoring"), restoring::toString);

      state.onRestoreProgress(new RestoreProgress("counts", 2, 1000, 1000, 500.0,
          Optional.of(Duration.ZERO), true));
      state.onStateChange(WorkerState.RESTORING, WorkerState.RUNNING);
      Health up = indicator.health(true);
      assertEquals(Status.UP, up.getStatus());
      assertNull(up.getDetails().get("restoring"), up::toString);

      state.onStateChange(WorkerState.RUNNING, WorkerState.FAILED);
      Health down = indicator.health(true);
      assertEquals(Status.DOWN, down.getStatus());
      assertEquals("failed", down.getDetails().get("state"));
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnApp {
    final App app = App.builder("own-health").broker("memory://").web("127.0.0.1", 0)
        .environment(Map.of()).build();

    @Bean
    App app() {
      return app;
    }
  }
}
