package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.App;
import dev.mephisto.JoinWindow;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Join state survives a restart, with the memory store (restored from the changelogs) and with
 * RocksDB (kept on disk, the changelog's tail restored): a buffered event of a stream–stream join
 * still joins its partner that comes after the restart, and a table–table join's result and
 * sides are there again.
 */
@WithKafka
class JoinRestartIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private static final long BASE = 1_700_000_000_000L;
  @RegisterExtension final TestApps apps = new TestApps();

  private App streamJoinWorker(KafkaCluster kafka, String id, String store, List<String> out) {
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(2).store(store));
    Topic<String, String> payments = app.topic(id + "-payments", String.class, String.class);
    Topic<String, String> logins = app.topic(id + "-logins", String.class, String.class);
    app.agent(payments).name("fraud").sink(String.class, out::add).process(s -> s
        .leftJoin(logins, JoinWindow.of(Duration.ofMinutes(5)), (p, l) -> p + "+" + l, "pl")
        .items().map(kv -> kv.key() + ":" + kv.value()));
    return app;
  }

  private static void send(App app, String topic, String key, String value, long time) {
    app.topic(topic, String.class, String.class).message(value).key(key)
        .timestamp(Instant.ofEpochMilli(time)).send().join();
  }

  private void bufferedEventJoinsItsPartnerAfterARestart(KafkaCluster kafka, String store) {
    String id = KafkaTestClient.uniqueName("join-restart");
    List<String> out = new CopyOnWriteArrayList<>();
    App first = streamJoinWorker(kafka, id, store, out);
    first.start();
    for (int i = 0; i < 20; i++) { // buffered, alone: their partners come after the restart
      send(first, id + "-payments", "acct" + i, "pay" + i, BASE + i * 1_000L);
    }
    AWAIT.until("the payments read and committed",
        () -> kafka.client().lag(id, id + "-payments") == 0);
    assertEquals(List.of(), out, "no partner yet, window open: no result");
    first.stop();

    App second = streamJoinWorker(kafka, id, store, out);
    second.start();
    // the stream time reached before the restart holds: a payment whose window (+ grace) closed
    // before it is joined with null at once, not kept waiting as if time started again
    send(second, id + "-payments", "acct0", "payLate", BASE - 600_000);
    AWAIT.until("the late payment alone at once", () -> out.contains("acct0:payLate+null"));
    for (int i = 0; i < 20; i += 2) { // the even accounts log in within 5 min
      send(second, id + "-logins", "acct" + i, "login" + i, BASE + 60_000 + i * 1_000L);
    }
    // the list itself, so that a timeout names the keys that joined
    AWAIT.until("10 matches after the restart", () -> List.copyOf(out), l -> l.size() >= 11);
    for (int p = 0; p < 20; p++) { // time moves on in every partition: the odd ones close alone
      send(second, id + "-payments", "zz" + p, "late", BASE + 3_600_000L);
    }
    AWAIT.until("the 10 left results", () -> List.copyOf(out), l -> l.size() >= 21);
    AWAIT.until("everything read", () -> kafka.client().lag(id) == 0);
    List<String> expected = new java.util.ArrayList<>(List.of("acct0:payLate+null"));
    for (int i = 0; i < 20; i++) {
      expected.add("acct" + i + ":pay" + i + "+" + (i % 2 == 0 ? "login" + i : "null"));
    }
    assertEquals(expected.stream().sorted().toList(), out.stream().sorted().toList(),
        "each buffered payment joined once, by its partner or alone, never both");
  }

  @Test
  void bufferedStreamJoinEventJoinsItsPartnerAfterARestartWithMemoryStores(KafkaCluster kafka) {
    bufferedEventJoinsItsPartnerAfterARestart(kafka, "memory://");
  }

  @Test
  void bufferedStreamJoinEventJoinsItsPartnerAfterARestartWithRocksDb(KafkaCluster kafka) {
    bufferedEventJoinsItsPartnerAfterARestart(kafka, apps.rocksdb("join-restart"));
  }

  private record TableJoinWorker(App app, Table<String, String> names, Table<String, String> cities,
      Table<String, String> joined) {}

  private TableJoinWorker tableJoinWorker(KafkaCluster kafka, String id, String store) {
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(2).store(store));
    Topic<String, String> nameFeed = app.topic(id + "-names", String.class, String.class);
    Topic<String, String> cityFeed = app.topic(id + "-cities", String.class, String.class);
    Table<String, String> names = app.table(TableSpec.of("names", String.class, String.class));
    Table<String, String> cities = app.table(TableSpec.of("cities", String.class, String.class));
    Table<String, String> joined = names.leftJoin(cities, (n, c) -> n + "@" + c,
        TableSpec.of("names-cities", String.class, String.class));
    app.agent(nameFeed).name("names").start(s -> s.items()
        .forEach(kv -> names.put(kv.key(), kv.value())));
    app.agent(cityFeed).name("cities").start(s -> s.items()
        .forEach(kv -> cities.put(kv.key(), kv.value())));
    return new TableJoinWorker(app, names, cities, joined);
  }

  /** @return the keys p0..p29 the join result does not hold */
  private static List<String> missing(Table<String, String> joined) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (joined.get("p" + i).isEmpty()) {
        out.add("p" + i);
      }
    }
    return out;
  }

  private void tableJoinResultSurvivesARestart(KafkaCluster kafka, String store) {
    String id = KafkaTestClient.uniqueName("table-join-restart");
    TableJoinWorker first = tableJoinWorker(kafka, id, store);
    first.app().start();
    for (int i = 0; i < 30; i++) {
      send(first.app(), id + "-names", "p" + i, "Name" + i, BASE);
      if (i % 3 == 0) {
        send(first.app(), id + "-cities", "p" + i, "City" + i, BASE);
      }
    }
    AWAIT.until("everything read", () -> kafka.client().lag(id, id + "-names") == 0
        && kafka.client().lag(id, id + "-cities") == 0);
    AWAIT.until("30 results", () -> missing(first.joined()), List::isEmpty);
    first.app().stop();

    TableJoinWorker second = tableJoinWorker(kafka, id, store);
    second.app().start();
    AWAIT.until("the result restored", () -> missing(second.joined()), List::isEmpty);
    for (int i = 0; i < 30; i++) {
      assertEquals(Optional.of("Name" + i + "@" + (i % 3 == 0 ? "City" + i : "null")),
          second.joined().get("p" + i), "restored result of p" + i);
    }
    // an update of one side after the restart joins the other side's restored value
    send(second.app(), id + "-cities", "p1", "Oslo", BASE);
    send(second.app(), id + "-names", "p3", "Renamed", BASE);
    AWAIT.until("both updates joined", () -> second.joined().get("p1")
        .equals(Optional.of("Name1@Oslo")) && second.joined().get("p3")
        .equals(Optional.of("Renamed@City3")));
    assertEquals(30, second.joined().size());
  }

  @Test
  void tableJoinResultSurvivesARestartWithMemoryStores(KafkaCluster kafka) {
    tableJoinResultSurvivesARestart(kafka, "memory://");
  }

  @Test
  void tableJoinResultSurvivesARestartWithRocksDb(KafkaCluster kafka) {
    tableJoinResultSurvivesARestart(kafka, apps.rocksdb("table-join-restart"));
  }
}
