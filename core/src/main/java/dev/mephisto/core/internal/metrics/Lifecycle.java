package dev.mephisto.core.internal.metrics;

import dev.mephisto.LifecycleListener;
import dev.mephisto.RestoreProgress;
import dev.mephisto.WorkerState;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's state and its table restores, told to {@link LifecycleListener}s, kept for {@code
 * /ready}, the dashboard and the restore gauges.
 */
public final class Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  /** Mutable restore figures the gauges read. */
  private static final class RestoreGauge {
    volatile RestoreProgress last;
  }

  private final List<LifecycleListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, RestoreProgress> restores = new ConcurrentHashMap<>();
  private final Map<String, RestoreGauge> gauges = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final WorkerMetrics metrics;
  private volatile WorkerState state = WorkerState.STARTING;
  private volatile boolean started;

  /**
   * @param metrics where the restore gauges go
   * @param listeners listeners registered on the builder
   */
  public Lifecycle(WorkerMetrics metrics, List<LifecycleListener> listeners) {
    this.metrics = metrics;
    this.listeners.addAll(listeners);
  }

  /** @param listener told from now on */
  public void add(LifecycleListener listener) {
    listeners.add(listener);
  }

  /** The worker starts (it is in {@link WorkerState#STARTING} until its first assignment). */
  public void starting() {
    started = true;
  }

  /** @return the state now */
  public WorkerState state() {
    return state;
  }

  /** @return true once start() began */
  public boolean started() {
    return started;
  }

  /**
   * Moves to a state and tells the listeners (nothing happens if the worker is in it already, or
   * stopped or failed: those are final).
   *
   * @param to the new state
   */
  public void moveTo(WorkerState to) {
    WorkerState from;
    lock.lock();
    try {
      from = state;
      if (from == to || from == WorkerState.FAILED
          || from == WorkerState.STOPPED
          || from == WorkerState.STOPPING && to != WorkerState.STOPPED && to != WorkerState.FAILED) {
        return;
      }
      state = to;
    } finally {
      lock.unlock();
    }
    log.debug("Worker state {} -> {}", from, to);
    for (LifecycleListener l : listeners) {
      try {
        l.onStateChange(from, to);
      } catch (RuntimeException e) {
        log.warn("Lifecycle listener {} failed on {} -> {}: {}", l, from, to, e.toString());
      }
    }
  }

  /**
   * A table partition's restore advanced.
   *
   * @param p where it is
   */
  public void restore(RestoreProgress p) {
    String key = p.table() + "/" + p.partition();
    restores.put(key, p);
    if (!p.done() && (state == WorkerState.ASSIGNED || state == WorkerState.STARTING)) {
      moveTo(WorkerState.RESTORING);
    }
    RestoreGauge g = gauges.get(key);
    if (g == null) {
      RestoreGauge created = new RestoreGauge();
      created.last = p;
      g = gauges.computeIfAbsent(key, k -> created);
      if (g == created) {
        Tags t = Tags.of("table", p.table(), "partition", Integer.toString(p.partition()));
        metrics.gauge(MeterNames.RESTORE_RECORDS, "Changelog records restored", t, g,
            x -> x.last.recordsRestored());
        metrics.gauge(MeterNames.RESTORE_TOTAL, "Changelog records to restore", t, g,
            x -> x.last.recordsTotal());
        metrics.gauge(MeterNames.RESTORE_RATE, "Records restored per second", t, g,
            x -> x.last.recordsPerSecond());
        metrics.gauge(MeterNames.RESTORE_ETA, "Seconds left (0 done, -1 unknown)", t, g,
            x -> x.last.done() ? 0 : x.last.eta().map(d -> d.toMillis() / 1000.0).orElse(-1.0));
      }
    }
    g.last = p;
    for (LifecycleListener l : listeners) {
      try {
        l.onRestoreProgress(p);
      } catch (RuntimeException e) {
        log.warn("Lifecycle listener {} failed on restore progress {}: {}", l, p, e.toString());
      }
    }
  }

  /** @return the latest progress of every table partition that restored, by "table/partition" */
  public Map<String, RestoreProgress> restores() {
    return new TreeMap<>(restores);
  }

  /** @return true while a table partition is restoring */
  public boolean restoring() {
    for (RestoreProgress p : restores.values()) {
      if (!p.done()) {
        return true;
      }
    }
    return false;
  }
}
