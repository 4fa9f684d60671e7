package dev.mephisto.harness.process;

import dev.mephisto.harness.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The worker JVMs of one run, as a supervisor runs them: every start, kill, stop and exit goes to
 * the {@link Timeline}; a worker that exits on its own (not killed or stopped by the harness) is
 * recorded with the tail of its log and, if asked, started again after the restart delay.
 */
public final class WorkerPool implements AutoCloseable {
  /**
   * A worker that ended without being killed or stopped.
   *
   * @param timeMillis when
   * @param worker its index
   * @param incarnation which start of it
   * @param exitCode its status
   * @param log its log file
   * @param logTail the last lines of that log
   */
  public record UnexpectedExit(long timeMillis, int worker, int incarnation, int exitCode, Path log,
      List<String> logTail) {}

  private final JvmCommand command;
  private final Path logDir;
  private final Timeline timeline;
  private final boolean restartUnexpected;
  private final Duration restartDelay;
  private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();
  private final List<UnexpectedExit> unexpected = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "harness-restarts");
    t.setDaemon(true);
    return t;
  });
  private final Thread hook = new Thread(this::destroyAll, "harness-kill-workers");
  private volatile boolean closing;

  /**
   * @param command how to start a worker
   * @param logDir where their logs go
   * @param timeline what happened
   * @param restartUnexpected start a worker again after it exited on its own
   * @param restartDelay how long after a kill or an exit it starts again
   */
  public WorkerPool(JvmCommand command, Path logDir, Timeline timeline, boolean restartUnexpected,
      Duration restartDelay) {
    this.command = command;
    this.logDir = logDir;
    this.timeline = timeline;
    this.restartUnexpected = restartUnexpected;
    this.restartDelay = restartDelay;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Adds a worker slot and starts it.
   *
   * @return its index
   */
  public int startNew() {
    WorkerProcess w = new WorkerProcess(workers.size(), command, logDir, this::exited);
    workers.add(w);
    start(w);
    return w.index();
  }

  /**
   * Starts {@code n} workers at once (as a deployment of n replicas would).
   *
   * @param n how many
   */
  public void startNew(int n) {
    for (int i = 0; i < n; i++) {
      startNew();
    }
  }

  private void start(WorkerProcess w) {
    if (closing) {
      return;
    }
    w.start();
    timeline.add("start", w.index(), "pid " + w.pid() + ", incarnation " + w.incarnation());
  }

  private void exited(WorkerProcess w, int incarnation, int code, boolean expected) {
    if (expected || closing) {
      return;
    }
    List<String> tail = w.logTail(incarnation, 40);
    unexpected.add(new UnexpectedExit(System.currentTimeMillis(), w.index(), incarnation, code,
        w.logFile(incarnation), tail));
    timeline.add("unexpected-exit", w.index(), "incarnation " + incarnation + " exited with " + code);
    if (restartUnexpected) {
      restarts.schedule(() -> restartIfDown(w), restartDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void restartIfDown(WorkerProcess w) {
    if (!w.alive() && !closing) {
      start(w);
    }
  }

  /**
   * Kills a worker with SIGKILL; optionally starts it again (same index, same state directory)
   * after the restart delay.
   *
   * @param index the worker
   * @param restart whether to start it again
   * @return its exit status
   */
  public int kill(int index, boolean restart) {
    WorkerProcess w = workers.get(index);
    long pid = w.pid();
    int code = w.kill();
    timeline.add("kill", index, "kill -9 of pid " + pid + " (exit " + code + ")");
    if (restart) {
      if (restartDelay.isZero()) {
        restartIfDown(w);
      } else {
        restarts.schedule(() -> restartIfDown(w), restartDelay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    return code;
  }

  /**
   * Stops a worker gracefully (SIGTERM).
   *
   * @param index the worker
   * @param timeout then SIGKILL
   * @return its exit status
   */
  public int stop(int index, Duration timeout) {
    WorkerProcess w = workers.get(index);
    long pid = w.pid();
    timeline.add("stop", index, "SIGTERM to pid " + pid);
    int code = w.stop(timeout);
    timeline.add("stopped", index, "pid " + pid + " exited with " + code);
    return code;
  }

  /**
   * Stops every running worker gracefully, all at once.
   *
   * @param timeout then SIGKILL
   * @return exit status by worker index
   */
  public Map<Integer, Integer> stopAll(Duration timeout) {
    closing = true;
    List<Thread> stoppers = new ArrayList<>();
    Map<Integer, Integer> codes = new java.util.concurrent.ConcurrentHashMap<>();
    for (WorkerProcess w : workers) {
      if (w.alive()) {
        stoppers.add(Thread.ofPlatform().start(() -> codes.put(w.index(), stop(w.index(), timeout))));
      }
    }
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new LinkedHashMap<>(new java.util.TreeMap<>(codes));
  }

  /** @return the indexes of running workers */
  public List<Integer> alive() {
    return workers.stream().filter(WorkerProcess::alive).map(WorkerProcess::index).toList();
  }

  /** @return every worker slot */
  public List<WorkerProcess> workers() {
    return List.copyOf(workers);
  }

  /** @return workers that ended on their own */
  public List<UnexpectedExit> unexpectedExits() {
    return List.copyOf(unexpected);
  }

  private void destroyAll() {
    closing = true;
    workers.forEach(WorkerProcess::destroyNow);
  }

  /** Kills every worker still running. */
  @Override
  public void close() {
    destroyAll();
    for (WorkerProcess w : workers) {
      w.kill();
    }
    restarts.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or has run
    }
  }
}
