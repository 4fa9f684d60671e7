package dev.mephisto.harness.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.harness.Poll;
import dev.mephisto.harness.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs (no Kafka): kill -9, SIGTERM and exits the harness did not ask for. */
class WorkerPoolTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static JvmCommand command(String mode) {
    return JvmCommand.likeThisJvm(WorkerJvm.of("64m", ""), SleeperMain.class, List.of(mode));
  }

  private static boolean logSays(WorkerProcess w, int incarnation, String text) {
    return Poll.until(WAIT, Duration.ofMillis(50), () -> String.join("\n",
        w.logTail(incarnation, 10)).contains(text));
  }

  @Test
  void killIsKillNineAndRestartStartsANewIncarnation(@TempDir Path dir) {
    Timeline timeline = new Timeline();
    try (WorkerPool pool = new WorkerPool(command("sleep"), dir, timeline, false, Duration.ZERO)) {
      int i = pool.startNew();
      WorkerProcess w = pool.workers().get(i);
      assertTrue(logSays(w, 1, "worker 0 up"));
      long pid = w.pid();
      assertEquals(137, pool.kill(i, true));
      assertTrue(Poll.until(WAIT, Duration.ofMillis(50), () -> w.incarnation() == 2 && w.alive()));
      assertTrue(w.pid() != pid);
      assertTrue(logSays(w, 2, "worker 0 up"));
      assertTrue(!String.join("\n", w.logTail(1, 10)).contains("graceful stop"),
          "kill -9 runs no shutdown hook");
      assertEquals(List.of("start", "kill", "start"),
          timeline.entries().stream().map(Timeline.Entry::kind).toList());
      assertTrue(pool.unexpectedExits().isEmpty());
    }
  }

  @Test
  void stopIsSigtermAndRunsTheShutdownHooks(@TempDir Path dir) {
    try (WorkerPool pool = new WorkerPool(command("sleep"), dir, new Timeline(), false,
        Duration.ZERO)) {
      pool.startNew(2);
      WorkerProcess w = pool.workers().get(1);
      assertTrue(logSays(w, 1, "worker 1 up"));
      assertEquals(143, pool.stop(1, WAIT));
      assertTrue(logSays(w, 1, "graceful stop"));
      assertEquals(List.of(0), pool.alive());
      assertEquals(java.util.Map.of(0, 143), pool.stopAll(WAIT));
      assertTrue(pool.unexpectedExits().isEmpty());
    }
  }

  @Test
  void threadDumpOfARunningWorkerListsItsThreads(@TempDir Path dir) throws Exception {
    try (WorkerPool pool = new WorkerPool(command("sleep"), dir, new Timeline(), false,
        Duration.ZERO)) {
      pool.startNew();
      WorkerProcess w = pool.workers().get(0);
      assertTrue(logSays(w, 1, "worker 0 up"));
      Path dump = w.threadDump().orElseThrow();
      assertTrue(Files.readString(dump).contains("SleeperMain.main"), Files.readString(dump));
    }
  }

  @Test
  void aWorkerThatExitsOnItsOwnIsRecordedWithItsLogAndRestarted(@TempDir Path dir) {
    Timeline timeline = new Timeline();
    try (WorkerPool pool = new WorkerPool(command("fail"), dir, timeline, true,
        Duration.ofMillis(100))) {
      pool.startNew();
      assertTrue(Poll.until(WAIT, Duration.ofMillis(50), () -> pool.unexpectedExits().size() >= 2),
          "exits: " + pool.unexpectedExits());
      WorkerPool.UnexpectedExit x = pool.unexpectedExits().get(0);
      assertEquals(3, x.exitCode());
      assertEquals(1, x.incarnation());
      assertTrue(x.logTail().stream().anyMatch(l -> l.contains("IllegalStateException: on purpose")),
          x.logTail().toString());
      assertTrue(Files.isRegularFile(x.log()));
      assertTrue(timeline.of("start").size() >= 2, "restarted: " + timeline.entries());
    }
  }
}
