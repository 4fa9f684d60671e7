package dev.mephisto;

/**
 * Told when the worker changes state and how far table restores are: for readiness gates, logs,
 * progress bars. Register it with {@link AppBuilder#listener(LifecycleListener)} or {@link
 * App#listener(LifecycleListener)}.
 *
 * <pre>{@code
 * App app = App.builder("orders")
 *     .listener(new LifecycleListener() {
 *       public void onStateChange(WorkerState from, WorkerState to) {
 *         log.info("worker {} -> {}", from, to);
 *       }
 *       public void onRestoreProgress(RestoreProgress p) {
 *         log.info("{}/{}: {} of {}", p.table(), p.partition(), p.recordsRestored(), p.recordsTotal());
 *       }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>Methods run on the worker's own threads (the poll loop, the restorer) and must return
 * quickly; an exception they throw is logged and otherwise ignored.
 */
@Experimental("new in this release")
public interface LifecycleListener {
  /**
   * The worker moved from one state to another.
   *
   * @param from the state it left
   * @param to the state it is in now
   */
  default void onStateChange(WorkerState from, WorkerState to) {}

  /**
   * A table partition's restore advanced: called when it begins, after each batch of records
   * applied, and once with {@link RestoreProgress#done()} true.
   *
   * @param progress where the restore is
   */
  default void onRestoreProgress(RestoreProgress progress) {}
}
