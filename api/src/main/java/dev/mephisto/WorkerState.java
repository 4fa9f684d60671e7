package dev.mephisto;

/**
 * Where a worker is in its life, as {@link LifecycleListener#onStateChange} reports it.
 *
 * <p>A worker goes {@code STARTING → ASSIGNED → (RESTORING →) RUNNING}; every rebalance goes
 * through {@code ASSIGNED} (and {@code RESTORING} when tables must catch up) back to {@code
 * RUNNING}. A graceful stop goes {@code STOPPING → STOPPED}; a worker whose poll loop failed ends
 * in {@code FAILED}.
 */
@Experimental("new in this release")
public enum WorkerState {
  /** Topics created, agents started, joining the consumer group. */
  STARTING,
  /** The group assigned partitions to this worker; their tables are not restored yet. */
  ASSIGNED,
  /** Table partitions are restoring from their changelogs; their agents wait. */
  RESTORING,
  /** Processing records. */
  RUNNING,
  /** A graceful stop began: agents finish what they hold, offsets are committed. */
  STOPPING,
  /** Stopped gracefully. */
  STOPPED,
  /** The poll loop failed; the worker processes nothing more. */
  FAILED
}
