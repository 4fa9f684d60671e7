package dev.mephisto.harness.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.harness.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpCollectorTest {
  private static WorkerSettings settings(Path dir) {
    return new WorkerSettings("chaos", "c", "h:1", ProcessingGuarantee.AT_LEAST_ONCE, 2, -1,
        Duration.ofSeconds(6), Optional.empty(), Optional.empty(), dir);
  }

  private static void answer(WorkerSettings s, int worker, String json) throws IOException {
    Files.createDirectories(s.workerDir(worker));
    Files.writeString(s.workerDir(worker).resolve("dump-1.json"), json);
  }

  @Test
  void mergesTheWorkersAnswersAndFlagsKeysTwoWorkersHold(@TempDir Path dir) throws IOException {
    WorkerSettings s = settings(dir);
    answer(s, 0, "{\"counts_rocksdb\": {\"acct-1\": 3, \"acct-2\": 4}, \"counts_windowed\": "
        + "{\"acct-1@0\": 3}}");
    answer(s, 1, "{\"counts_rocksdb\": {\"acct-3\": 5, \"acct-2\": 4}, \"counts_memory\": "
        + "{\"acct-3\": 5}}");
    DumpCollector.Dumps d = new DumpCollector(s).collect(List.of(0, 1), Duration.ofSeconds(5));
    assertEquals("1", Files.readString(dir.resolve(TableDumps.REQUEST)));
    assertEquals(2, d.workers());
    assertEquals(Map.of("acct-1", 3L, "acct-2", 4L, "acct-3", 5L), d.table(ChaosApp.ROCKSDB_TABLE));
    assertEquals(Map.of("acct-3", 5L), d.table(ChaosApp.MEMORY_TABLE));
    assertEquals(Map.of("acct-1@0", 3L), d.table(ChaosApp.WINDOWED_TABLE));
    assertEquals(1, d.conflicts().size());
    assertTrue(d.conflicts().get(0).contains("acct-2"), d.conflicts().toString());
  }

  @Test
  void aWorkerThatDoesNotAnswerFailsTheCollection(@TempDir Path dir) throws IOException {
    WorkerSettings s = settings(dir);
    answer(s, 0, "{}");
    var e = assertThrows(IllegalStateException.class,
        () -> new DumpCollector(s).collect(List.of(0, 1), Duration.ofMillis(300)));
    assertTrue(e.getMessage().contains("worker-1"), e.getMessage());
  }
}
