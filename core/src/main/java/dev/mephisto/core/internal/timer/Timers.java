package dev.mephisto.core.internal.timer;

import dev.mephisto.TaskOptions;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Timers, crontabs and start-up tasks, each on its own virtual thread. */
public final class Timers {
  private static final Logger log = LoggerFactory.getLogger(Timers.class);

  private record Job(String name, TaskOptions options, Runnable task, Duration interval, Cron cron,
      ZoneId zone) {}

  private final List<Job> jobs = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  /**
   * @param interval time between runs
   * @param options where it runs
   * @param task the task
   */
  public synchronized void timer(Duration interval, TaskOptions options, Runnable task) {
    if (interval.isNegative() || interval.isZero()) {
      throw new dev.mephisto.ConfigurationException(
          "Timer interval was '" + interval + "' but it should be positive");
    }
    jobs.add(new Job("timer-" + jobs.size(), options, task, interval, null, null));
  }

  /**
   * @param cron the parsed schedule
   * @param zone its time zone
   * @param options where it runs
   * @param task the task
   */
  public synchronized void crontab(Cron cron, ZoneId zone, TaskOptions options, Runnable task) {
    jobs.add(new Job("crontab-" + jobs.size(), options, task, null, cron, zone));
  }

  /**
   * @param options where it runs
   * @param task the task, run once at start
   */
  public synchronized void task(TaskOptions options, Runnable task) {
    jobs.add(new Job("task-" + jobs.size(), options, task, null, null, null));
  }

  /**
   * Starts every job. Timers, crontabs and leader-only tasks wait until the worker got its first
   * assignment and restored its tables (as Faust starts them after recovery); a leader-only one
   * runs, at each of its times, only while this worker is the leader, so it moves to the new
   * leader with the next assignment.
   *
   * @param isLeader tells whether this worker is the leader now
   * @param settled tells whether the first assignment is restored
   */
  public synchronized void start(BooleanSupplier isLeader, BooleanSupplier settled) {
    running = true;
    for (Job j : jobs) {
      threads.add(Thread.ofVirtual().name(j.name()).start(() -> run(j, isLeader, settled)));
    }
  }

  /**
   * The next time of a fixed-rate timer: on the grid {@code origin + k * interval}, the first
   * point after {@code now}, so a run's own duration never shifts the later ones (no drift) and
   * times missed by a long run are skipped, not run in a burst.
   *
   * @param origin when the timer started (nanoTime)
   * @param interval its interval in nanoseconds
   * @param now the current nanoTime
   * @return the nanoTime of its next run
   */
  static long nextTick(long origin, long interval, long now) {
    long elapsed = now - origin;
    return origin + (elapsed < 0 ? 1 : elapsed / interval + 1) * interval;
  }

  private void run(Job j, BooleanSupplier isLeader, BooleanSupplier settled) {
    try {
      boolean oneShot = j.interval() == null && j.cron() == null;
      if (!oneShot || j.options().onLeader()) {
        while (running && !settled.getAsBoolean()) {
          Thread.sleep(20);
        }
      }
      if (oneShot) {
        while (running && j.options().onLeader() && !isLeader.getAsBoolean()) {
          Thread.sleep(100); // a start-up task on the leader waits until leadership is known
        }
        if (running) {
          runOnce(j);
        }
        return;
      }
      long origin = System.nanoTime();
      long interval = j.interval() == null ? 0 : j.interval().toNanos();
      while (running) {
        if (j.interval() != null) {
          long next = nextTick(origin, interval, System.nanoTime());
          long wait;
          while ((wait = next - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(wait));
          }
        } else {
          // cron times are wall-clock times: computed from the clock each time, they never drift
          ZonedDateTime now = ZonedDateTime.now(j.zone());
          Thread.sleep(Duration.between(now, j.cron().next(now)));
        }
        if (running && (!j.options().onLeader() || isLeader.getAsBoolean())) {
          runOnce(j);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runOnce(Job j) {
    try {
      j.task().run();
    } catch (RuntimeException e) {
      log.error("{} failed; it runs again at its next time", j.name(), e);
    }
  }

  /** Stops every job (a running one finishes unless it blocks). */
  public synchronized void stop() {
    running = false;
    threads.forEach(Thread::interrupt);
    threads.clear();
  }
}
