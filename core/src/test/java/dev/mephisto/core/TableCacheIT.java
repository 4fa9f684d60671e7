package dev.mephisto.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.SetTable;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.WindowedTable;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The table write cache against the real broker: cache on, off and tiny build the same tables
 * and the same compacted changelogs; a crash before a flush loses nothing; exactly-once stays
 * exact.
 */
@WithKafka
class TableCacheIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(120));
  private static final int EVENTS = 3000;
  private static final int ACCOUNTS = 40;
  @RegisterExtension final TestApps apps = new TestApps();


  /** One worker: a count table with deletes, a set table and a windowed table with closes. */
  record Worker(App app, String id, Table<String, Long> counts, SetTable<String, String> parity,
      WindowedTable<String, Long> perWindow, List<String> closed) {
    TableRuntime tables() {
      return ((MephistoApp) app).tableRuntime().orElseThrow();
    }
  }

  private Worker worker(KafkaCluster kafka, String id, String topic,
      UnaryOperator<AppBuilder> settings) {
    App app = apps.kafka(kafka, id, b -> settings.apply(b.topicPartitions(4)));
    Topic<String, String> in = app.topic(topic, String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    SetTable<String, String> parity = app.setTable("parity", String.class, String.class);
    List<String> closed = new CopyOnWriteArrayList<>();
    WindowedTable<String, Long> perWindow =
        app.windowedTable(TableSpec.of("per_window", String.class, Long.class).withDefault(0L)
        .tumbling(Duration.ofSeconds(10)).expires(Duration.ofSeconds(30))
        .onWindowClose((k, w, n) -> closed.add(k + "@" + w.start().toEpochMilli() + "=" + n)));
    app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.<String>items()) {
        long n = counts.update(kv.key(), c -> c + 1);
        if (n % 10 == 0) {
          counts.remove(kv.key()); // deletes must come out the same too
        }
        int i = Integer.parseInt(kv.value());
        parity.add(kv.key(), i % 2 == 0 ? "even" : "odd");
        if (i % 3 == 0) {
          parity.discard(kv.key(), "odd");
        }
        perWindow.update(kv.key(), c -> c + 1);
      }
    });
    return new Worker(app, id, counts, parity, perWindow, closed);
  }

  private static void produce(KafkaCluster kafka, String topic, int from, int to) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      // event time 100 ms apart: windows of 10 s close and expire as the stream goes on
      records.add(new ProducerRecord<>(topic, null, 1_000_000L + i * 100L,
          ("acct" + (i % ACCOUNTS)).getBytes(UTF_8), Integer.toString(i).getBytes(UTF_8)));
    }
    kafka.client().send(records);
  }

  /** @return the last value of each key in each partition of a changelog, as compaction keeps */
  private static Map<String, String> compacted(KafkaCluster kafka, String changelog) {
    Map<String, String> m = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll(changelog)) {
      m.put(r.partition() + "/" + HexFormat.of().formatHex(r.key()),
          r.value() == null ? "<tombstone>" : new String(r.value(), UTF_8));
    }
    return m;
  }

  private static Map<String, Long> counts(Worker w) {
    Map<String, Long> m = new TreeMap<>();
    w.counts().items().forEach(kv -> m.put(kv.key(), kv.value()));
    return m;
  }

  @Test
  void cacheOnOffAndTinyBuildTheSameTablesAndTheSameCompactedChangelogs(KafkaCluster kafka) {
    String topic = KafkaTestClient.uniqueName("cache-orders");
    kafka.client().createTopic(topic, 4);
    produce(kafka, topic, 0, EVENTS);
    List<Worker> workers = new ArrayList<>();
    for (long bytes : new long[] {0, 10L << 20, 4096}) {
      String id = KafkaTestClient.uniqueName("cache-" + bytes);
      Worker w = worker(kafka, id, topic, b -> b.tableCacheMaxBytes(bytes)
          .commitInterval(Duration.ofMillis(500)));
      w.app().start();
      workers.add(w);
    }
    for (Worker w : workers) {
      AWAIT.until(w.id() + " processed and committed everything",
          () -> kafka.client().lag(w.id(), topic) == 0);
    }
    Worker off = workers.get(0);
    Worker on = workers.get(1);
    Worker tiny = workers.get(2);
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < EVENTS; i++) {
      expected.merge("acct" + (i % ACCOUNTS), 1L, Long::sum);
    }
    expected.replaceAll((k, n) -> n % 10);
    expected.values().removeIf(n -> n == 0);
    for (Worker w : workers) {
      for (String table : List.of("counts", "parity", "per_window")) {
        assertEquals(compacted(kafka, off.id() + "-" + table + "-changelog"),
            compacted(kafka, w.id() + "-" + table + "-changelog"),
            w.id() + ": the compacted changelog of " + table);
      }
      // read once every partition is active: a rebalance of a loaded machine suspends them
      AWAIT.until(w.id() + ": the table", () -> counts(w), expected::equals);
      assertEquals(off.closed().stream().sorted().toList(), w.closed().stream().sorted().toList(),
          w.id() + ": every window closed once, with the same value");
    }
    assertTrue(off.closed().size() > ACCOUNTS * 10, "windows closed: " + off.closed().size());
    long logged = kafka.client().recordCount(off.id() + "-counts-changelog");
    long cached = kafka.client().recordCount(on.id() + "-counts-changelog");
    long deletes = 0;
    for (int k = 0; k < ACCOUNTS; k++) {
      deletes += (EVENTS / ACCOUNTS + (k < EVENTS % ACCOUNTS ? 1 : 0)) / 10;
    }
    assertEquals(EVENTS + deletes, logged, "write-through logs every update and every delete");
    assertTrue(cached < logged, "the cache collapses updates: " + cached + " < " + logged);
    var tinyStats = tiny.tables().stats().get("counts").state();
    assertTrue(tinyStats.evictions() > 0, "the tiny cache evicted: " + tinyStats);
    assertTrue(tiny.tables().writeCache().usedBytes() <= 4096,
        "within its budget: " + tiny.tables().writeCache().usedBytes());
    // Faust's format: json key, the number as text
    byte[] ann = "\"acct1\"".getBytes(UTF_8);
    ConsumerRecord<byte[], byte[]> last = kafka.client().readAll(on.id() + "-counts-changelog")
        .stream().filter(r -> java.util.Arrays.equals(r.key(), ann)).reduce((a, b) -> b)
        .orElseThrow();
    assertArrayEquals(Long.toString(expected.get("acct1")).getBytes(UTF_8), last.value());
  }

  @Test
  void aCrashBeforeAnyFlushLosesNothingOnMemory(KafkaCluster kafka) {
    crashBeforeFlush(kafka, "memory://");
  }

  @Test
  void aCrashBeforeAnyFlushLosesNothingOnRocksDb(KafkaCluster kafka) {
    crashBeforeFlush(kafka, apps.rocksdb("crash"));
  }

  private void crashBeforeFlush(KafkaCluster kafka, String store) {
    String id = KafkaTestClient.uniqueName("cache-crash");
    String topic = id + "-orders";
    kafka.client().createTopic(topic, 4);
    // no commit while the first worker runs: everything it counted is in its cache only
    Worker first = worker(kafka, id, topic, b -> b.store(store)
        .commitInterval(Duration.ofMinutes(10)).commitEvery(1_000_000));
    first.app().start();
    produce(kafka, topic, 0, EVENTS);
    AWAIT.until("the first worker counted every event",
        () -> first.tables().stats().get("counts").state().puts() >= EVENTS);
    assertEquals(0, kafka.client().recordCount(id + "-counts-changelog"),
        "nothing was flushed to the changelog");
    ((MephistoApp) first.app()).simulateCrash();

    Worker second = worker(kafka, id, topic, b -> b.store(store)
        .commitInterval(Duration.ofMillis(300)));
    second.app().start();
    AWAIT.until("the second worker processed everything again and committed",
        () -> kafka.client().lag(id, topic) == 0);
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < EVENTS; i++) {
      expected.merge("acct" + (i % ACCOUNTS), 1L, Long::sum);
    }
    expected.replaceAll((k, n) -> n % 10);
    expected.values().removeIf(n -> n == 0);
    AWAIT.until("every event counted exactly once after the crash", () -> counts(second),
        expected::equals);
  }

  @Test
  void exactlyOnceWithTheCacheStaysExactAcrossACrash(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("cache-eos");
    String topic = id + "-orders";
    kafka.client().createTopic(topic, 4);
    // a: no commit before it crashes, and a tiny cache that evicts, so its changelog records are
    // sent inside a transaction that never commits; b: commits often
    Worker a = worker(kafka, id, topic, x -> x.exactlyOnce().tableStandbyReplicas(0)
        .commitInterval(Duration.ofMinutes(10)).tableCacheMaxBytes(2048));
    Worker b = worker(kafka, id, topic, x -> x.exactlyOnce().tableStandbyReplicas(0));
    a.app().start();
    b.app().start();
    AWAIT.until("each worker holds 2 partitions", () -> a.tables().describe().get(0).active()
        .size() == 2 && b.tables().describe().get(0).active().size() == 2);
    produce(kafka, topic, 0, EVENTS);
    AWAIT.until("a evicted: changelog records in its open transaction", () -> {
      var s = a.tables().stats().get("counts").state();
      return s.puts() > 300 && s.evictions() > 0;
    });
    ((MephistoApp) a.app()).simulateCrash();
    AWAIT.until("b took over and committed everything", () -> kafka.client().lag(id, topic) == 0
        && b.tables().describe().get(0).active().size() == 4);
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < EVENTS; i++) {
      expected.merge("acct" + (i % ACCOUNTS), 1L, Long::sum);
    }
    expected.replaceAll((k, n) -> n % 10);
    expected.values().removeIf(n -> n == 0);
    AWAIT.until("exact: aborted writes were neither restored nor counted", () -> counts(b),
        expected::equals);
  }
}
