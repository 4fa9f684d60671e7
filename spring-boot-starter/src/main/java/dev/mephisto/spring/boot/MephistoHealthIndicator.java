package dev.mephisto.spring.boot;

import dev.mephisto.App;
import dev.mephisto.RestoreProgress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The worker's readiness as Actuator's {@code mephisto} contributor, from its {@link
 * dev.mephisto.LifecycleListener} ({@link MephistoWorkerState}): {@code UP} while it is ready —
 * partitions assigned, tables restored, not stopping — {@code OUT_OF_SERVICE} before that
 * (starting, in a rebalance, restoring tables, with their progress in the details) and once it
 * stops, {@code DOWN} when its poll loop failed. Include it in the readiness group so that
 * traffic waits for the worker:
 * {@code management.endpoint.health.group.readiness.include=readinessState,mephisto}.
 */
public final class MephistoHealthIndicator extends AbstractHealthIndicator {
  private final App app;
  private final MephistoWorkerState worker;

  /**
   * @param app the app
   * @param worker its worker's state
   */
  public MephistoHealthIndicator(App app, MephistoWorkerState worker) {
    super("Mephisto health check failed");
    this.app = Objects.requireNonNull(app, "app");
    this.worker = Objects.requireNonNull(worker, "worker");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("app", app.id()).withDetail("broker", app.settings().broker())
        .withDetail("state", worker.state()
            .map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("not started"));
    Map<String, String> restoring = new LinkedHashMap<>();
    for (Map.Entry<String, RestoreProgress> e : worker.restoring().entrySet()) {
      RestoreProgress p = e.getValue();
      restoring.put(e.getKey(), p.recordsRestored() + " of " + p.recordsTotal()
          + p.eta().map(d -> ", " + d.toSeconds() + " s left").orElse(""));
    }
    if (!restoring.isEmpty()) {
      builder.withDetail("restoring", restoring);
    }
    if (worker.ready()) {
      builder.up();
    } else if (worker.failed()) {
      builder.down();
    } else {
      builder.outOfService();
    }
  }
}
