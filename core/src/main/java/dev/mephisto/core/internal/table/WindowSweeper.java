package dev.mephisto.core.internal.table;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the windows of tables that take their time from the wall clock ({@code relativeToNow}),
 * every 500 ms on a daemon thread, also while no event arrives.
 */
final class WindowSweeper {
  private static final Logger log = LoggerFactory.getLogger(WindowSweeper.class);
  private static final long SWEEP_NANOS = Duration.ofMillis(500).toNanos();

  private final Supplier<List<TableCore>> cores;
  private volatile boolean stopping;
  private Thread thread;

  WindowSweeper(Supplier<List<TableCore>> cores) {
    this.cores = cores;
  }

  /** @return true if some table needs sweeping */
  static boolean needed(List<TableCore> cores) {
    return cores.stream().anyMatch(c -> c.windowed != null
        && c.windowed.source() == dev.mephisto.WindowedTableSpec.TimeSource.NOW);
  }

  void start(String name) {
    thread = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  void stop() {
    stopping = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  private void run() {
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(SWEEP_NANOS);
      for (TableCore core : cores.get()) {
        WindowedTableImpl<?, ?> w = core.windowed;
        if (w != null && w.source() == dev.mephisto.WindowedTableSpec.TimeSource.NOW) {
          try {
            w.sweep();
          } catch (RuntimeException e) {
            log.warn("Closing windows of table '{}' failed: {}", core.name, e.toString());
          }
        }
      }
    }
  }
}
