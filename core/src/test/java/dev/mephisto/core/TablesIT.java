package dev.mephisto.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.ConfigurationException;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.assign.WorkerEndpoint;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tables against the real embedded broker: restarts, crashes, standbys, global tables. */
@WithKafka
class TablesIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(45));
  @RegisterExtension final TestApps apps = new TestApps();

  /** One worker of an app counting orders per account in table 'counts'. */
  record Counter(App app, Table<String, Long> counts) {
    TableRuntime tables() {
      return ((MephistoApp) app).tableRuntime().orElseThrow();
    }

    TableRuntime.TableInfo info() {
      return tables().describe().get(0);
    }

    long total() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private App app(KafkaCluster kafka, String id, UnaryOperator<AppBuilder> configure) {
    return apps.kafka(kafka, id, b -> configure.apply(b.topicPartitions(4)));
  }

  private Counter counter(KafkaCluster kafka, String id, String store, int webPort) {
    App app = app(kafka, id, b -> b.store(store).web("127.0.0.1", webPort));
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(orders, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        counts.update(kv.key(), n -> n + 1);
      }
    });
    return new Counter(app, counts);
  }

  private static List<KeyValue<String, String>> orders(int from, int to, int accounts) {
    List<KeyValue<String, String>> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(KeyValue.of("acct" + (i % accounts), "order-" + i));
    }
    return l;
  }

  private static Map<String, Long> merged(Counter... workers) {
    Map<String, Long> m = new HashMap<>();
    for (Counter c : workers) {
      c.counts().items().forEach(kv -> m.merge(kv.key(), kv.value(), Long::sum));
    }
    return m;
  }

  @Test
  void countTableSurvivesARestartAndRocksDbRestoresOnlyTheTail(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("restart");
    String changelog = id + "-counts-changelog";
    String store = apps.rocksdb("restart");
    Counter one = counter(kafka, id, store, 0);
    one.app().start();
    kafka.client().produceStrings(id + "-orders", orders(0, 1000, 20));
    AWAIT.until("1000 orders counted", () -> one.total() == 1000);
    one.app().stop();
    // another writer appends to the changelog, as a Faust app sharing it may: the only tail
    byte[] zed = "\"zed\"".getBytes(UTF_8);
    int zedPartition = Utils.toPositive(Utils.murmur2(zed)) % 4;
    kafka.client().send(List.of(new ProducerRecord<>(changelog, zedPartition, zed, "42".getBytes(UTF_8))));
    kafka.client().produceStrings(id + "-orders", orders(1000, 1500, 20));

    Counter two = counter(kafka, id, store, 0);
    two.app().start();
    AWAIT.until("1500 orders and zed's 42", () -> two.total() == 1542);
    assertEquals(1, two.tables().restoreProgress().restoredRecords("counts"),
        "RocksDB kept everything up to its checkpoint: only the one new changelog record is read");
    assertEquals(Optional.of(42L), two.counts().get("zed"));
    merged(two).forEach((k, n) -> assertEquals(k.equals("zed") ? 42L : 75L, n, k));
  }

  @Test
  void memoryTablesRestoreTheWholeChangelogAfterARestart(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("restart-mem");
    Counter one = counter(kafka, id, "memory://", 0);
    one.app().start();
    kafka.client().produceStrings(id + "-orders", orders(0, 600, 12));
    AWAIT.until("600 orders counted", () -> one.total() == 600);
    one.app().stop();
    long logged = kafka.client().recordCount(id + "-counts-changelog");
    Counter two = counter(kafka, id, "memory://", 0);
    two.app().start();
    AWAIT.until("the worker holds its partitions", () -> two.info().active().size() == 4);
    assertEquals(600, two.total(), "restored as soon as the partitions are held");
    assertEquals(logged, two.tables().restoreProgress().restoredRecords("counts"));
    kafka.client().produceStrings(id + "-orders", orders(600, 1200, 12));
    AWAIT.until("1200 orders counted", () -> two.total() == 1200);
    merged(two).forEach((k, n) -> assertEquals(100L, n, k));
  }

  @Test
  void aStandbyTakesOverACrashedWorkerWithoutAFullRestore(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("standby");
    Counter a = counter(kafka, id, "memory://", 0);
    Counter b = counter(kafka, id, "memory://", 0);
    a.app().start();
    b.app().start();
    AWAIT.until("each worker holds 2 active and 2 standby partitions", () ->
        a.info().active().size() == 2 && a.info().standby().size() == 2
            && b.info().active().size() == 2 && b.info().standby().size() == 2);
    List<WorkerEndpoint> workers = ((MephistoApp) b.app()).services().cluster().workers();
    assertEquals(Set.of("127.0.0.1:" + ((MephistoApp) a.app()).web().port(),
            "127.0.0.1:" + ((MephistoApp) b.app()).web().port()),
        workers.stream().map(WorkerEndpoint::address).collect(Collectors.toSet()),
        "every worker learns every worker's web address");

    kafka.client().produceStrings(id + "-orders", orders(0, 1000, 20));
    AWAIT.until("1000 counted and committed", () -> a.total() + b.total() == 1000
        && kafka.client().lag(id, id + "-orders") == 0);
    Map<TopicPartition, Long> ends = kafka.client().endOffsets(id + "-counts-changelog");
    long aLogged = a.info().active().stream()
        .mapToLong(p -> ends.get(new TopicPartition(id + "-counts-changelog", p))).sum();
    AWAIT.until("b's standbys followed a's " + aLogged + " changelog records",
        () -> b.tables().restoreProgress().followedRecords("counts") >= aLogged);
    long restoredBefore = b.tables().restoreProgress().restoredRecords("counts");

    ((MephistoApp) a.app()).simulateCrash();
    AWAIT.until("b holds all 4 partitions", () -> b.info().active().size() == 4);
    assertEquals(0, b.tables().restoreProgress().restoredRecords("counts") - restoredBefore,
        "promoted standbys were up to date: no changelog record read on promotion");
    assertEquals(1000, b.total(), "nothing was in flight: totals are exact");

    kafka.client().produceStrings(id + "-orders", orders(1000, 2000, 20));
    AWAIT.until("2000 counted and committed", () -> b.total() == 2000
        && kafka.client().lag(id, id + "-orders") == 0);
    merged(b).forEach((k, n) -> assertEquals(100L, n, k));
  }

  @Test
  void rocksDbPartitionsThatLeaveAndComeBackReopenCleanly(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("reopen");
    String topic = id + "-orders";
    List<Counter> workers = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      App app = app(kafka, id, b -> b.store(apps.rocksdb(name)).tableStandbyReplicas(0));
      Topic<String, String> orders = app.topic(topic, String.class, String.class);
      Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
      app.agent(orders, s -> {
        for (KeyValue<String, String> kv : s.items()) {
          counts.update(kv.key(), n -> n + 1);
        }
      });
      workers.add(new Counter(app, counts));
    }
    Counter a = workers.get(0);
    Counter b = workers.get(1);
    a.app().start();
    kafka.client().produceStrings(topic, orders(0, 400, 8));
    AWAIT.until("a counted 400 alone", () -> a.total() == 400);
    b.app().start();
    AWAIT.until("a gave 2 partitions to b and closed their stores", () ->
        a.info().active().size() == 2 && a.info().standby().isEmpty()
            && b.info().active().size() == 2);
    kafka.client().produceStrings(topic, orders(400, 800, 8));
    AWAIT.until("800 counted by both", () -> a.total() + b.total() == 800
        && kafka.client().lag(id, topic) == 0);
    b.app().stop();
    AWAIT.until("a holds all 4 again", () -> a.info().active().size() == 4);
    assertEquals(800, a.total(), "the reopened stores restored b's writes from the changelog");
    kafka.client().produceStrings(topic, orders(800, 1200, 8));
    AWAIT.until("1200 counted", () -> a.total() == 1200);
    merged(a).forEach((k, n) -> assertEquals(150L, n, k));
  }

  @Test
  void aCrashWithEventsInFlightCountsEveryEventAtLeastOnce(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("inflight");
    Counter a = counter(kafka, id, "memory://", 0);
    Counter b = counter(kafka, id, "memory://", 0);
    a.app().start();
    b.app().start();
    AWAIT.until("both workers hold partitions", () ->
        a.info().active().size() == 2 && b.info().active().size() == 2);
    kafka.client().produceStrings(id + "-orders", orders(0, 4000, 20));
    AWAIT.until("processing under way", () -> a.total() >= 200);
    ((MephistoApp) a.app()).simulateCrash();
    AWAIT.until("b took over and caught up", () -> b.info().active().size() == 4
        && kafka.client().lag(id, id + "-orders") == 0 && b.total() >= 4000);
    Map<String, Long> counts = merged(b);
    assertEquals(20, counts.size());
    counts.forEach((k, n) -> assertTrue(n >= 200, () -> k + " counted " + n + " < 200 times"));
  }

  @Test
  void windowCloseFiresOncePerWindowAcrossARestart(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("winclose");
    String topic = id + "-events";
    List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.function.Supplier<App> worker = () -> {
      App app = app(kafka, id, b -> b);
      Topic<String, String> in = app.topic(topic, String.class, String.class).withPartitions(2);
      var views = app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
          .tumbling(Duration.ofSeconds(10))
          .onWindowClose((k, w, n) -> closed.add(k + "@" + w.start().toEpochMilli() + "=" + n)));
      app.agent(in, s -> {
        for (KeyValue<String, String> kv : s.items()) {
          views.update(kv.key(), n -> n + 1);
        }
      });
      return app;
    };
    App one = worker.get();
    one.start();
    TimedRecords.send(kafka, topic, "ann@1000", "bob@1500", "ann@2000", "ann@12000", "bob@12000");
    AWAIT.until("window 0 closed for ann and bob", () -> closed.size() == 2);
    AWAIT.until("committed", () -> kafka.client().lag(id, topic) == 0);
    one.stop();
    // stream time passes window 10 s while the worker is down
    TimedRecords.send(kafka, topic, "ann@25000", "bob@25000");
    App two = worker.get();
    two.start();
    AWAIT.until("window 10 s closed after the restart", () -> closed.size() == 4);
    TimedRecords.send(kafka, topic, "ann@26000", "bob@27000");
    AWAIT.until("all processed", () -> kafka.client().lag(id, topic) == 0);
    assertEquals(Set.of("ann@0=2", "bob@0=1", "ann@10000=1", "bob@10000=1"), Set.copyOf(closed));
    assertEquals(4, closed.size(), () -> "each window fires once: " + closed);
  }

  @Test
  void aGlobalTableIsCompleteOnEveryWorkerBeforeAgentsRun(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("global");
    String changelog = id + "-countries-changelog";
    kafka.client().createTopic(changelog, 3, Map.of("cleanup.policy", "compact"));
    List<KeyValue<byte[], byte[]>> entries = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      entries.add(KeyValue.of(("\"c" + i + "\"").getBytes(UTF_8), ("\"Country " + i + "\"").getBytes(UTF_8)));
    }
    kafka.client().produce(changelog, entries);
    Set<String> missing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger found = new java.util.concurrent.atomic.AtomicInteger();
    List<Table<String, String>> tables = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      App app = app(kafka, id, b -> b);
      Table<String, String> countries = app.globalTable(
          TableSpec.of("countries", String.class, String.class).withPartitions(3));
      Topic<String, String> lookups = app.topic(id + "-lookups", String.class, String.class);
      app.agent(lookups, s -> {
        for (String code : s) {
          if (countries.get(code).isPresent()) {
            found.incrementAndGet();
          } else {
            missing.add(code);
          }
        }
      });
      app.start();
      assertEquals(300, countries.size(), "complete when start() returns, worker " + w);
      tables.add(countries);
    }
    tables.get(0).put("new", "Newland");
    AWAIT.until("the other worker follows the write", () -> tables.get(1).get("new").isPresent());
    List<KeyValue<String, String>> lookups = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lookups.add(KeyValue.of("k" + i, "c" + i));
    }
    kafka.client().produceStrings(id + "-lookups", lookups);
    AWAIT.until("300 lookups", () -> found.get() + missing.size() >= 300);
    assertEquals(Set.of(), missing);
    assertEquals(Optional.of("Country 7"), tables.get(1).get("c7"));
  }

  @Test
  void partitionCountMismatchesFailAtStartNamingBothCounts(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("mismatch");
    kafka.client().createTopic(id + "-orders", 4);
    App app = app(kafka, id, b -> b);
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    Table<String, Long> counts =
        app.table(TableSpec.of("order_count", String.class, Long.class).withPartitions(8));
    app.agent(orders, s -> s.forEach(v -> counts.put(v, 1L)));
    ConfigurationException e = assertThrows(ConfigurationException.class, app::start);
    assertTrue(e.getMessage().startsWith("Table 'order_count' has 8 partitions but topic '" + id
        + "-orders' feeding it has 4; "), e.getMessage());

    kafka.client().createTopic(id + "-other-totals-changelog", 2, Map.of("cleanup.policy", "compact"));
    App other = app(kafka, id + "-other", b -> b);
    other.table(TableSpec.of("totals", String.class, Long.class).withPartitions(4));
    ConfigurationException c = assertThrows(ConfigurationException.class, other::start);
    assertTrue(c.getMessage().startsWith("Table 'totals' has 4 partitions but its changelog '" + id
        + "-other-totals-changelog' has 2; "), c.getMessage());
  }
}
