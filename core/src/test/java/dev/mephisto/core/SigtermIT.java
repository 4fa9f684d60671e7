package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.KeyValue;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker process stopped by SIGTERM drains what it holds and commits it. */
@WithKafka
class SigtermIT {
  @Test
  void sigtermDrainsInFlightEventsAndCommitsThem(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    String id = KafkaTestClient.uniqueName("sigterm");
    String topic = id + "-in";
    kafka.createTopic(topic, 2);
    List<KeyValue<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      records.add(KeyValue.of("k" + i, "v" + i));
    }
    kafka.client().produceStrings(topic, records);
    Path out = dir.resolve("processed.txt");
    Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SigtermWorkerMain.class.getName(),
        kafka.bootstrapServers(), id, topic, out.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
    try {
      Await.atMost(Duration.ofSeconds(60)).until("the worker processed 300 records",
          () -> lines(out), n -> n >= 300);
      // commitInterval is 30 s: nothing was committed yet, so what gets committed now comes from
      // the shutdown path alone
      worker.destroy(); // SIGTERM
      assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker exits after SIGTERM");
    } finally {
      worker.destroyForcibly();
    }
    List<String> processed = Files.readAllLines(out);
    long committed = kafka.client().committedOffsets(id).values().stream().mapToLong(Long::longValue).sum();
    assertTrue(processed.size() < 20_000, "stopped before the end: " + processed.size());
    assertEquals(processed.size(), new HashSet<>(processed).size(), "no record processed twice");
    assertEquals(processed.size(), committed, "every processed record is committed, no more");
  }

  @Test
  void sigtermDuringARestoreStopsCleanlyWithoutAnErrorOrAStackTrace(KafkaCluster kafka,
      @TempDir Path dir) throws Exception {
    String id = KafkaTestClient.uniqueName("sigterm-restore");
    String topic = id + "-in";
    String changelog = id + "-counts-changelog";
    kafka.createTopic(topic, 2);
    kafka.createTopic(changelog, 2);
    List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> log = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      log.add(new org.apache.kafka.clients.producer.ProducerRecord<>(changelog, i % 2,
          ("\"k" + i + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    kafka.client().send(log);
    Path workerLog = dir.resolve("worker.log");
    Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SigtermRestoreWorkerMain.class.getName(),
        kafka.bootstrapServers(), id, topic)
        .redirectErrorStream(true).redirectOutput(workerLog.toFile()).start();
    int exit;
    try {
      Await.atMost(Duration.ofSeconds(60)).until("the worker is restoring its table",
          () -> text(workerLog).contains("wait for their tables to restore"));
      worker.destroy(); // SIGTERM
      assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker exits after SIGTERM");
      exit = worker.exitValue();
    } finally {
      worker.destroyForcibly();
    }
    String text = Files.readString(workerLog);
    assertFalse(text.contains("Tables restored"), "SIGTERM came during the restore:\n" + text);
    assertEquals(0, exit, "a clean stop exits 0:\n" + text);
    assertFalse(text.contains(" ERROR "), "no ERROR on a normal stop:\n" + text);
    assertFalse(text.contains("\tat ") || text.contains("Exception"),
        "no stack trace on a normal stop:\n" + text);
  }

  private static String text(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int lines(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p).size() : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
