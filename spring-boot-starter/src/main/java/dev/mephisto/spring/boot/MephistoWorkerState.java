package dev.mephisto.spring.boot;

import dev.mephisto.App;
import dev.mephisto.LifecycleListener;
import dev.mephisto.RestoreProgress;
import dev.mephisto.WorkerState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's state as its {@link LifecycleListener} reports it, kept for Actuator's health
 * contributor ({@link MephistoHealthIndicator}) and for the application: a bean, registered on the
 * {@link App} when it is made, so it sees every state from the first.
 *
 * <p>{@link #ready()} is the worker's readiness as its own {@code /ready} tells it: partitions
 * assigned, tables restored, not stopping.
 */
public final class MephistoWorkerState implements LifecycleListener {
  private final Map<String, RestoreProgress> restores = new ConcurrentHashMap<>();
  private volatile Optional<WorkerState> state = Optional.empty();

  /**
   * @param app the app to listen to
   * @return a tracker registered on it
   */
  public static MephistoWorkerState of(App app) {
    MephistoWorkerState s = new MephistoWorkerState();
    Objects.requireNonNull(app, "app").listener(s);
    return s;
  }

  MephistoWorkerState() {}

  @Override
  public void onStateChange(WorkerState from, WorkerState to) {
    state = Optional.of(to);
  }

  @Override
  public void onRestoreProgress(RestoreProgress progress) {
    restores.put(progress.table() + "/" + progress.partition(), progress);
  }

  /** @return the worker's state, empty until it started */
  public Optional<WorkerState> state() {
    return state;
  }

  /**
   * @return true while the worker is {@link WorkerState#RUNNING}: assigned, restored, not
   *     stopping
   */
  public boolean ready() {
    return state.orElse(null) == WorkerState.RUNNING;
  }

  /** @return true once the worker's poll loop failed: it processes nothing more */
  public boolean failed() {
    return state.orElse(null) == WorkerState.FAILED;
  }

  /** @return the latest progress of every table partition restoring now, by "table/partition" */
  public Map<String, RestoreProgress> restoring() {
    Map<String, RestoreProgress> m = new TreeMap<>();
    restores.forEach((k, p) -> {
      if (!p.done()) {
        m.put(k, p);
      }
    });
    return m;
  }
}
