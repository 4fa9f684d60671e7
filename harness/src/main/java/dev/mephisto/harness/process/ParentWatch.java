package dev.mephisto.harness.process;

import java.time.Duration;
import java.util.Optional;

/**
 * Ends a worker JVM whose harness is gone (killed, or its terminal closed), so that no worker is
 * left behind: the harness always kills its workers itself, this covers the harness's own death.
 */
public final class ParentWatch {
  private ParentWatch() {}

  /**
   * Starts a daemon thread that halts this JVM with status 3 once its parent process ended.
   *
   * @param every how often to look
   */
  public static void start(Duration every) {
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    if (parent.isEmpty()) {
      return;
    }
    ProcessHandle p = parent.get();
    Thread t = new Thread(() -> {
      while (p.isAlive()) {
        try {
          Thread.sleep(every);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.err.println("The harness (pid " + p.pid() + ") is gone; this worker halts");
      Runtime.getRuntime().halt(3);
    }, "harness-parent-watch");
    t.setDaemon(true);
    t.start();
  }
}
