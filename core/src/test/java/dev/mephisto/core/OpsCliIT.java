package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Model;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.cli.Cli;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations commands against the real broker: tables, table get, models, reset, dlq replay. */
@WithKafka
class OpsCliIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  private final List<App> apps = new ArrayList<>();
  @TempDir Path dir;

  @Model(serializer = "json", namespace = "shop.Order")
  record Order(String account, int amount) {}

  @AfterEach
  void stop() {
    apps.forEach(App::stop);
  }

  /** Declares the same app in every process: the worker and each command line. */
  private MephistoApp app(KafkaCluster kafka, String id, String store, AtomicBoolean broken,
      List<String> seen) {
    MephistoApp app = (MephistoApp) App.builder(id).broker("kafka://" + kafka.bootstrapServers())
        .valueCodec("string").store(store).topicPartitions(2).commitInterval(Duration.ofMillis(200))
        .web("127.0.0.1", 0).environment(Map.of()).build();
    apps.add(app);
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    app.topic(id + "-typed", String.class, Order.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(orders).name("counter").start(s -> {
      for (KeyValue<String, String> kv : s.<String>items()) {
        if (broken.get() && kv.value().startsWith("bad")) {
          throw new IllegalStateException("the fault that is fixed later");
        }
        seen.add(kv.value());
        counts.update(kv.key(), n -> n + 1);
      }
    });
    return app;
  }

  private static String run(MephistoApp app, int expectedStatus, String... args) {
    StringWriter out = new StringWriter();
    int status = Cli.run(app, new PrintWriter(out, true), args);
    assertEquals(expectedStatus, status, () -> String.join(" ", args) + " printed:\n" + out);
    return out.toString();
  }

  @Test
  void tablesModelsAndTableGetThroughARunningWorker(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("cli-ops");
    MephistoApp worker = app(kafka, id, "memory://", new AtomicBoolean(), new CopyOnWriteArrayList<>());
    worker.start();
    kafka.client().produceStrings(id + "-orders", List.of(KeyValue.of("ann", "o1"),
        KeyValue.of("ann", "o2"), KeyValue.of("bob", "o3")));
    AWAIT.until("counted", () -> kafka.client().lag(id, id + "-orders") == 0);

    MephistoApp cli = app(kafka, id, "memory://", new AtomicBoolean(), new CopyOnWriteArrayList<>());
    String tables = run(cli, 0, "tables");
    assertTrue(tables.matches("(?s).*counts\\s+table\\s+String\\s+Long\\s+2\\s+1\\s+memory://\\s+"
        + id + "-counts-changelog.*"), tables);
    String models = run(cli, 0, "models");
    assertTrue(models.matches("(?s).*Order\\s+record\\s+json\\s+shop\\.Order\\s+topic " + id
        + "-typed.*"), models);
    assertTrue(models.contains("Order(String account, int amount)"), models);

    String url = "http://127.0.0.1:" + worker.web().port();
    String got = AWAIT.until("table get answers", () -> {
      StringWriter out = new StringWriter();
      int status = Cli.run(cli, new PrintWriter(out, true), "table", "get", "counts", "ann",
          "--url", url);
      return status == 0 ? out.toString() : null;
    }, x -> x != null);
    assertTrue(got.startsWith("2" + System.lineSeparator()), got);
    assertTrue(got.contains("served by 127.0.0.1:" + worker.web().port()), got);
    String missing = run(cli, 3, "table", "get", "counts", "nobody", "--url", url);
    assertTrue(missing.contains("(not found)"), missing);
    run(cli, 1, "table", "get", "counts", "ann", "--url", "http://127.0.0.1:1");
  }

  @Test
  void resetRefusesWithoutYesAndWhileWorkersRunThenForgetsEverything(KafkaCluster kafka)
      throws Exception {
    String id = KafkaTestClient.uniqueName("cli-reset");
    String store = "rocksdb://" + dir.toAbsolutePath();
    MephistoApp worker = app(kafka, id, store, new AtomicBoolean(), new CopyOnWriteArrayList<>());
    worker.start();
    kafka.client().produceStrings(id + "-orders", List.of(KeyValue.of("ann", "o1"),
        KeyValue.of("bob", "o2")));
    AWAIT.until("counted and committed", () -> kafka.client().lag(id, id + "-orders") == 0);

    MephistoApp cli = app(kafka, id, store, new AtomicBoolean(), new CopyOnWriteArrayList<>());
    String refused = run(cli, 1, "reset");
    assertTrue(refused.contains("Refusing to reset app '" + id + "' without --yes"), refused);
    String running = run(cli, 1, "reset", "--yes");
    assertTrue(running.contains("stop every worker before reset"), running);
    assertEquals(2L, kafka.client().committedOffsets(id).values().stream().mapToLong(Long::longValue)
        .sum(), "nothing was reset");
    worker.stop();
    assertTrue(Files.exists(dir.resolve(id)), "the worker kept RocksDB state");

    MephistoApp cli2 = app(kafka, id, store, new AtomicBoolean(), new CopyOnWriteArrayList<>());
    String done = run(cli2, 0, "reset", "--yes", "--internal-topics");
    assertTrue(done.contains("Deleted consumer group '" + id + "'"), done);
    assertTrue(done.contains("Deleted topic '" + id + "-counts-changelog'"), done);
    assertTrue(done.contains("Deleted topic '" + id + "-__leader'"), done);
    assertFalse(done.contains("Deleted topic '" + id + "-orders'"), "user topics stay: " + done);
    assertEquals(Map.of(), kafka.client().committedOffsets(id));
    AWAIT.until("the changelog is gone", () -> !kafka.client().topics().contains(id + "-counts-changelog"));
    assertTrue(kafka.client().topics().contains(id + "-orders"));
    try (var files = Files.list(dir.resolve(id))) {
      assertEquals(List.of(), files.toList(), "local state deleted");
    }
  }

  @Test
  void dlqReplaySendsDeadLettersBackToTheirDeclaredTopicWithoutDlqHeaders(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("cli-dlq");
    AtomicBoolean broken = new AtomicBoolean(true);
    List<String> seen = new CopyOnWriteArrayList<>();
    MephistoApp worker = app(kafka, id, "memory://", broken, seen);
    worker.start();
    String orders = id + "-orders";
    String dlq = orders + ".dlq";
    kafka.client().produceStrings(orders, List.of(KeyValue.of("ann", "bad-1"),
        KeyValue.of("ann", "good"), KeyValue.of("ann", "bad-2"), KeyValue.of("ann", "bad-3")));
    AWAIT.until("three dead letters", () -> kafka.client().recordCount(dlq) == 3);
    int dlqPartition = kafka.client().readAll(dlq).get(0).partition();
    // a forged dead letter naming another topic: replay must not follow it
    RecordHeaders forged = new RecordHeaders();
    forged.add("mephisto.dlq.topic", (id + "-secret").getBytes(StandardCharsets.UTF_8));
    kafka.client().send(List.of(new ProducerRecord<>(dlq, dlqPartition, "ann".getBytes(StandardCharsets.UTF_8),
        "bad-forged".getBytes(StandardCharsets.UTF_8), forged)));
    broken.set(false); // the fault is fixed

    MephistoApp cli = app(kafka, id, "memory://", broken, new CopyOnWriteArrayList<>());
    String dry = run(cli, 0, "dlq", "replay", dlq, "--dry-run");
    assertTrue(dry.contains("Would replay 3 record(s) from '" + dlq + "' to '" + orders
        + "'; skipped {header names another topic=1}"), dry);
    assertEquals(List.of("good"), seen, "a dry run sends nothing");

    MephistoApp cli2 = app(kafka, id, "memory://", broken, new CopyOnWriteArrayList<>());
    String first = run(cli2, 0, "dlq", "replay", dlq, "--limit", "2");
    assertTrue(first.contains("Replayed 2 record(s)"), first);
    AWAIT.until("two replayed records processed", () -> seen.size() == 3);
    MephistoApp cli3 = app(kafka, id, "memory://", broken, new CopyOnWriteArrayList<>());
    String rest = run(cli3, 0, "dlq", "replay", dlq, "--from", "2", "--to", "3");
    assertTrue(rest.contains("Replayed 1 record(s)"), rest);
    AWAIT.until("all processed once", () -> seen.size() == 4);
    assertEquals(List.of("bad-1", "bad-2", "bad-3", "good"), seen.stream().sorted().toList());

    List<ConsumerRecord<byte[], byte[]>> all = kafka.client().readAll(orders);
    assertEquals(7, all.size());
    for (ConsumerRecord<byte[], byte[]> r : all) {
      for (Header h : r.headers()) {
        assertFalse(h.key().startsWith("mephisto.dlq."), "dlq headers stripped: " + h.key());
      }
    }
    MephistoApp cli4 = app(kafka, id, "memory://", broken, new CopyOnWriteArrayList<>());
    String wrong = run(cli4, 1, "dlq", "replay", id + "-secret.dlq");
    assertTrue(wrong.contains("is not the dead-letter topic of a topic app '" + id + "' declares"),
        wrong);
  }
}
