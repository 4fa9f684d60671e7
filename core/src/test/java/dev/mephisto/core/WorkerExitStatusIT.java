package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mephisto.KeyValue;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit statuses a supervisor can trust, from real worker processes: non-zero with one ERROR line
 * naming the cause when the worker fails, 0 with no ERROR and no stack trace on SIGTERM, also in
 * the middle of a table restore.
 */
@WithKafka
class WorkerExitStatusIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));

  private static Process start(String mode, KafkaCluster kafka, String id, String topic, Path dir)
      throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExitStatusWorkerMain.class.getName(), mode,
        kafka.bootstrapServers(), id, topic, dir.resolve("processed.txt").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
  }

  private static List<String> lines(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int exit(Process worker, Path log) throws InterruptedException {
    try {
      assertTrue(worker.waitFor(90, TimeUnit.SECONDS), () -> "the worker did not exit; log:\n"
          + String.join("\n", lines(log)));
      return worker.exitValue();
    } finally {
      worker.destroyForcibly();
    }
  }

  /** Linux: bit 2 of SigIgn in /proc/<pid>/status; elsewhere assumed not ignored. */
  private static boolean ignoresSigint(Process p) {
    for (String line : lines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
      }
    }
    return false;
  }

  private static List<String> errors(Path log) {
    return lines(log).stream().filter(l -> l.contains(" ERROR ")).toList();
  }

  private static List<String> stackTraces(Path log) {
    return lines(log).stream().filter(l -> l.startsWith("\tat ") || l.contains("Exception in thread"))
        .toList();
  }

  @Test
  void aWorkerWhoseTableCannotOpenExitsNonZeroWithOneErrorLineNamingTheCause(KafkaCluster kafka,
      @TempDir Path dir) throws Exception {
    String id = KafkaTestClient.uniqueName("exit-fail");
    String topic = id + "-in";
    kafka.createTopic(topic, 1);
    kafka.client().produceStrings(topic, List.of(KeyValue.of("k", "v")));
    Process worker = start("rocksdb-fails", kafka, id, topic, dir);
    Path log = dir.resolve("worker.log");
    assertEquals(1, exit(worker, log), () -> String.join("\n", lines(log)));
    List<String> errors = errors(log);
    assertEquals(1, errors.size(), () -> "ERROR lines: " + errors);
    assertTrue(errors.get(0).contains("the worker of app '" + id + "' stops")
        && errors.get(0).contains("refused by this RocksDB build"), errors.get(0));
    assertEquals(List.of(), lines(dir.resolve("processed.txt")), "nothing processed");
  }

  @Test
  void sigtermStopsCleanlyWithStatusZeroNoErrorAndNoStackTrace(KafkaCluster kafka,
      @TempDir Path dir) throws Exception {
    stopsCleanlyOn("TERM", kafka, dir);
  }

  @Test
  void ctrlCStopsCleanlyWithStatusZeroNoErrorAndNoStackTrace(KafkaCluster kafka,
      @TempDir Path dir) throws Exception {
    stopsCleanlyOn("INT", kafka, dir);
  }

  private static void stopsCleanlyOn(String signal, KafkaCluster kafka, Path dir) throws Exception {
    String id = KafkaTestClient.uniqueName("exit-" + signal.toLowerCase(java.util.Locale.ROOT));
    String topic = id + "-in";
    kafka.createTopic(topic, 2);
    List<KeyValue<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(KeyValue.of("k" + i, "v" + i));
    }
    kafka.client().produceStrings(topic, records);
    Process worker = start("plain", kafka, id, topic, dir);
    Path out = dir.resolve("processed.txt");
    Path log = dir.resolve("worker.log");
    boolean ignored;
    try {
      AWAIT.until("100 processed", () -> lines(out).size(), n -> n == 100);
      ignored = signal.equals("INT") && ignoresSigint(worker);
      if (!ignored) {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(worker.pid()))
            .inheritIO().start().waitFor(), "kill -" + signal);
      }
    } catch (Throwable t) {
      worker.destroyForcibly();
      throw t;
    }
    if (ignored) {
      worker.destroyForcibly();
      assumeFalse(ignored, "this JVM was started with SIGINT ignored (a background job)");
    }
    assertEquals(0, exit(worker, log), () -> String.join("\n", lines(log)));
    assertEquals(List.of(), errors(log));
    assertEquals(List.of(), stackTraces(log));
    assertTrue(lines(log).stream().anyMatch(l -> l.contains("Worker of '" + id + "' stopped")),
        "the worker stopped gracefully");
    assertEquals(100L, kafka.client().committedOffsets(id).values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void sigtermDuringATableRestoreExitsZeroWithoutErrorOrStackTrace(KafkaCluster kafka,
      @TempDir Path dir) throws Exception {
    String id = KafkaTestClient.uniqueName("exit-restore");
    String topic = id + "-in";
    kafka.createTopic(topic, 1);
    String changelog = id + "-counts-changelog";
    kafka.client().createTopic(changelog, 1, Map.of("cleanup.policy", "compact"));
    List<KeyValue<String, String>> entries = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      entries.add(KeyValue.of("\"key-" + i + "\"", "1"));
    }
    kafka.client().produceStrings(changelog, entries);
    Process worker = start("slow-restore", kafka, id, topic, dir);
    Path log = dir.resolve("worker.log");
    try {
      AWAIT.until("the restore is under way",
          () -> lines(log).stream().anyMatch(l -> l.contains("Restoring table 'counts'")));
    } catch (Throwable t) {
      worker.destroyForcibly();
      throw t;
    }
    worker.destroy(); // SIGTERM
    assertEquals(0, exit(worker, log), () -> String.join("\n", lines(log)));
    assertTrue(lines(log).stream().noneMatch(l -> l.contains("Restored table 'counts'")),
        "the stop came before the restore ended");
    assertEquals(List.of(), errors(log));
    assertEquals(List.of(), stackTraces(log));
  }
}
