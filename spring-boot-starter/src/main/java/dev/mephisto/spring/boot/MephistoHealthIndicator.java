package dev.mephisto.spring.boot;

import dev.mephisto.App;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The worker's health as Actuator's {@code mephisto} contributor: {@code UP} while the worker
 * runs, {@code OUT_OF_SERVICE} before it started and after it stopped. Include it in the
 * readiness group so that traffic waits for the worker:
 * {@code management.endpoint.health.group.readiness.include=readinessState,mephisto}.
 */
public final class MephistoHealthIndicator extends AbstractHealthIndicator {
  private final App app;
  private final MephistoLifecycle lifecycle;

  /**
   * @param app the app
   * @param lifecycle its worker's lifecycle
   */
  public MephistoHealthIndicator(App app, MephistoLifecycle lifecycle) {
    super("Mephisto health check failed");
    this.app = Objects.requireNonNull(app, "app");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("app", app.id()).withDetail("broker", app.settings().broker());
    if (lifecycle.isRunning()) {
      builder.up();
    } else {
      builder.outOfService();
    }
  }
}
