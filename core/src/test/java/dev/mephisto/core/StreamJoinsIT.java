package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.JoinWindow;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream–stream joins on the broker after {@code groupBy} and {@code through}: the joined stream
 * is the one read back from the repartition or through topic, keyed by its key, its stores
 * sharded like it, and co-partitioning checked against it.
 */
@WithKafka
class StreamJoinsIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private static final long BASE = 1_700_000_000_000L;
  private static final JoinWindow HOUR = JoinWindow.of(Duration.ofHours(1));
  @RegisterExtension final TestApps apps = new TestApps();

  private static Map<String, Integer> count(List<String> results) {
    Map<String, Integer> m = new TreeMap<>();
    results.forEach(r -> m.merge(r, 1, Integer::sum));
    return m;
  }

  /** @return the partition the default partitioner picks for a string key */
  private static int partitionOf(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /**
   * Creates the test's topics, {@code <id>-<name>} with their partition counts, and an app on
   * them.
   *
   * @param namesAndCounts name, count, name, count, ...
   */
  private App appOn(KafkaCluster kafka, String id, Object... namesAndCounts) {
    for (int i = 0; i < namesAndCounts.length; i += 2) {
      kafka.client().createTopic(id + "-" + namesAndCounts[i], (Integer) namesAndCounts[i + 1]);
    }
    return apps.kafka(kafka, id, b -> b);
  }

  /**
   * Starts an app whose agent reads {@code <id>-payments} (one partition), spreads it through
   * {@code <id>-spread} and joins that with {@code <id>-logins} (both {@code partitions}).
   *
   * @param join the join (and what follows it) of the spread stream with the logins
   */
  private App throughJoin(KafkaCluster kafka, String id, int partitions, List<String> out,
      java.util.function.BiFunction<dev.mephisto.Stream<String, String>, Topic<String, String>,
          dev.mephisto.Stream<String, String>> join) {
    App app = appOn(kafka, id, "payments", 1, "spread", partitions, "logins", partitions);
    Topic<String, String> payments = app.topic(id + "-payments", String.class, String.class);
    Topic<String, String> spread = app.topic(id + "-spread", String.class, String.class);
    Topic<String, String> logins = app.topic(id + "-logins", String.class, String.class);
    app.agent(payments).name("fraud").concurrency(2).sink(String.class, out::add)
        .process(s -> join.apply(s.through(spread), logins));
    app.start();
    return app;
  }

  @Test
  void streamStreamJoinsWorkAfterGroupByOnTheNewKey(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("join-groupby");
    // clicks keyed by session, grouped by user; logins keyed by user: 3 partitions each
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(3));
    Topic<String, String> clicks = app.topic(id + "-clicks", String.class, String.class);
    Topic<String, String> logins = app.topic(id + "-logins", String.class, String.class);
    List<String> out = new CopyOnWriteArrayList<>();
    app.agent(clicks).name("seen").sink(String.class, out::add).process(s -> s
        .groupBy(v -> v.split("/")[0], "user")
        .join(logins, HOUR, (c, l) -> c + "+" + l, "cl")
        .items().map(kv -> kv.key() + ":" + kv.value()));
    app.start();
    int users = 8;
    int clicksPerUser = 15;
    int loginsPerUser = 3;
    Map<String, Integer> expected = new TreeMap<>();
    for (int u = 0; u < users; u++) {
      for (int c = 0; c < clicksPerUser; c++) {
        String click = "u" + u + "/c" + c;
        clicks.message(click).key("session" + ((u * clicksPerUser + c) % 5))
            .timestamp(Instant.ofEpochMilli(BASE + c * 1_000L)).send().join();
        for (int l = 0; l < loginsPerUser; l++) {
          expected.merge("u" + u + ":" + click + "+login" + l, 1, Integer::sum);
        }
      }
      for (int l = 0; l < loginsPerUser; l++) {
        logins.message("login" + l).key("u" + u)
            .timestamp(Instant.ofEpochMilli(BASE + l * 5_000L)).send().join();
      }
    }
    int total = users * clicksPerUser * loginsPerUser; // 360
    AWAIT.until(total + " joined results", out::size, n -> n >= total);
    AWAIT.until("everything read", () -> kafka.client().lag(id) == 0);
    assertEquals(expected, count(out), "every click joins its user's logins, once");
    // the stores are keyed and sharded by the new key: each entry in the partition of its user
    String changelog = id + "-seen-cl-this-changelog";
    List<ConsumerRecord<byte[], byte[]>> entries = kafka.client().readAll(changelog);
    assertEquals(users * clicksPerUser, entries.stream().filter(r -> r.key().length >= 20)
        .map(r -> java.util.Base64.getEncoder()
        .encodeToString(r.key())).distinct().count(), "one entry per click");
    for (ConsumerRecord<byte[], byte[]> r : entries) {
      byte[] k = r.key();
      if (k.length < 4) {
        continue; // the partition's stream time
      }
      int n = ((k[0] & 0xFF) << 24) | ((k[1] & 0xFF) << 16) | ((k[2] & 0xFF) << 8) | (k[3] & 0xFF);
      if (k.length != 4 + n + 16) {
        continue; // not an event entry
      }
      byte[] json = java.util.Arrays.copyOfRange(k, 4, 4 + n); // the state's keys are JSON
      byte[] user = java.util.Arrays.copyOfRange(json, 1, json.length - 1);
      assertTrue(new String(user, StandardCharsets.UTF_8).startsWith("u"),
          () -> "keyed by user: " + new String(json, StandardCharsets.UTF_8));
      assertEquals(partitionOf(user, 3), r.partition(),
          "entry of " + new String(user, StandardCharsets.UTF_8) + " in its user's partition");
    }
  }

  @Test
  void streamStreamJoinsWorkAfterThroughCoPartitionedWithTheThroughTopic(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("join-through");
    List<String> out = new CopyOnWriteArrayList<>();
    App app = throughJoin(kafka, id, 4, out, (spread, logins) -> spread
        .leftJoin(logins, JoinWindow.of(Duration.ofSeconds(5)), (p, l) -> p + "+" + l, "pl")
        .items().map(kv -> kv.key() + ":" + kv.value()));
    Topic<String, String> payments = app.topic(id + "-payments", String.class, String.class);
    Topic<String, String> logins = app.topic(id + "-logins", String.class, String.class);
    Map<String, Integer> expected = new TreeMap<>();
    int accounts = 20;
    for (int a = 0; a < accounts; a++) {
      long t = BASE + a * 60_000L;
      payments.message("pay" + a).key("acct" + a).timestamp(Instant.ofEpochMilli(t)).send()
          .join();
      // the payment comes through a second topic: there before time moves on
      AWAIT.until("payment read back", () -> kafka.client().lag(id, id + "-payments") == 0
          && kafka.client().lag(id, id + "-spread") == 0);
      if (a % 2 == 0) { // even accounts log in within 5 s; odd ones do not
        logins.message("login" + a).key("acct" + a).timestamp(Instant.ofEpochMilli(t + 2_000))
            .send().join();
        expected.put("acct" + a + ":pay" + a + "+login" + a, 1);
      } else {
        expected.put("acct" + a + ":pay" + a + "+null", 1);
      }
    }
    // a login far later in every partition closes every window: the odd payments come out alone
    for (int p = 0; p < 40; p++) {
      logins.message("late").key("zz" + p).timestamp(Instant.ofEpochMilli(BASE + 86_400_000L))
          .send().join();
    }
    AWAIT.until(accounts + " results", out::size, n -> n >= accounts);
    AWAIT.until("everything read", () -> kafka.client().lag(id) == 0);
    assertEquals(expected, count(out));
    assertEquals(4, kafka.client().partitionCount(id + "-fraud-pl-other-changelog"),
        "the join's stores are sharded like the through topic, not like the agent's topic");
  }

  /**
   * Starts the app with one record waiting on {@code input}: the worker must stop at start with
   * {@code message}, the joining agent having processed nothing.
   */
  private static void failsAtStartBeforeProcessing(KafkaCluster kafka, App app, String id,
      Topic<String, String> input, List<String> out, String... message) {
    kafka.client().produceStrings(input.name(), List.of(dev.mephisto.KeyValue.of("k", "v")));
    app.start();
    MephistoApp m = (MephistoApp) app;
    AWAIT.until("the worker stopped", () -> !m.running());
    String why = m.failure().orElseThrow().getMessage();
    for (String part : message) {
      assertTrue(why.contains(part), () -> "'" + part + "' in: " + why);
    }
    assertEquals(List.of(), out, "nothing joined");
    assertTrue(kafka.client().committedOffsets(id).keySet().stream()
        .noneMatch(tp -> tp.topic().equals(input.name())), "no offset of the join's input");
  }

  @Test
  void streamStreamJoinsOfTopicsWithOtherPartitionCountsFailAtStartNamingBoth(
      KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("join-ss-counts");
    App app = appOn(kafka, id, "payments", 4, "logins", 2);
    Topic<String, String> payments = app.topic(id + "-payments", String.class, String.class);
    Topic<String, String> logins = app.topic(id + "-logins", String.class, String.class);
    List<String> out = new CopyOnWriteArrayList<>();
    app.agent(payments).name("fraud").sink(String.class, out::add)
        .process(s -> s.join(logins, HOUR, (p, l) -> p + l, "pl"));
    failsAtStartBeforeProcessing(kafka, app, id, payments, out,
        "Stream join 'pl' of agent 'fraud' needs co-partitioned topics, but topic '" + id
            + "-payments' has 4 partitions and topic '" + id + "-logins' has 2");
  }

  @Test
  void streamStreamJoinsAfterGroupByCheckTheRepartitionTopicsCount(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("join-gb-counts");
    App app = appOn(kafka, id, "clicks", 3, "logins", 2);
    Topic<String, String> clicks = app.topic(id + "-clicks", String.class, String.class);
    Topic<String, String> logins = app.topic(id + "-logins", String.class, String.class);
    List<String> out = new CopyOnWriteArrayList<>();
    app.agent(clicks).name("seen").sink(String.class, out::add).process(s -> s
        .groupBy(v -> v, "user").join(logins, HOUR, (c, l) -> c + l, "cl"));
    failsAtStartBeforeProcessing(kafka, app, id, clicks, out,
        "Stream join 'cl' of agent 'seen' needs co-partitioned topics, but topic '" + id
            + "-seen-user-repartition' has 3 partitions and topic '" + id + "-logins' has 2");
  }

  @Test
  void streamTableJoinsOfATableWithOtherPartitionCountsFailAtStartNamingBoth(
      KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("join-st-counts");
    App app = appOn(kafka, id, "orders", 4, "customers", 2);
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    Topic<String, String> customerFeed = app.topic(id + "-customers", String.class, String.class);
    dev.mephisto.Table<String, String> customers = app.table(dev.mephisto.TableSpec.of(
        "customers", String.class, String.class).withPartitions(2));
    app.agent(customerFeed).name("feed").start(s -> s.items()
        .forEach(kv -> customers.put(kv.key(), kv.value())));
    List<String> out = new CopyOnWriteArrayList<>();
    app.agent(orders).name("enrich").sink(String.class, out::add)
        .process(s -> s.join(customers, (o, c) -> o + c));
    failsAtStartBeforeProcessing(kafka, app, id, orders, out,
        "join of agent 'enrich' with table 'customers' needs co-partitioned inputs, but topic '"
            + id + "-orders' has 4 partitions and table 'customers' (changelog '" + id
            + "-customers-changelog') has 2");
  }

  @Test
  void aJoinAfterThroughThatFailsDeadLettersToTheThroughTopicsDlq(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("join-through-dlq");
    List<String> out = new CopyOnWriteArrayList<>();
    App app = throughJoin(kafka, id, 2, out, (spread, logins) -> spread
        .join(logins, HOUR, (p, l) -> p + "+" + l, "pl")
        .map(r -> {
          if (r.startsWith("boom")) {
            throw new IllegalStateException("bad payment " + r);
          }
          return r;
        }));
    Topic<String, String> payments = app.topic(id + "-payments", String.class, String.class);
    Topic<String, String> logins = app.topic(id + "-logins", String.class, String.class);
    logins.message("login").key("ann").timestamp(Instant.ofEpochMilli(BASE)).send().join();
    // the login waits in the join first, so the payments are the records that join and fail
    AWAIT.until("the login read", () -> kafka.client().lag(id, id + "-logins") == 0);
    payments.message("boom").key("ann").timestamp(Instant.ofEpochMilli(BASE)).send().join();
    payments.message("fine").key("ann").timestamp(Instant.ofEpochMilli(BASE)).send().join();
    AWAIT.until("the next payment joined", () -> out.contains("fine+login"));
    AWAIT.until("the failed one dead-lettered", () -> kafka.client()
        .recordCount(id + "-spread.dlq") == 1);
    assertEquals(List.of("fine+login"), out);
  }
}
