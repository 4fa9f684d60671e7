package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.Agent;
import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.Event;
import dev.mephisto.KeyValue;
import dev.mephisto.Stream;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runtime against the real embedded broker. */
@WithKafka
class KafkaRuntimeIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  @RegisterExtension final TestApps apps = new TestApps();

  private App app(KafkaCluster kafka, String id, UnaryOperator<AppBuilder> configure) {
    return apps.kafka(kafka, id, b -> configure.apply(b.topicPartitions(4)));
  }


  @Test
  void agentRoundTripThroughTopics(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("roundtrip");
    App app = app(kafka, id, b -> b);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Topic<String, String> out = app.topic(id + "-out", String.class, String.class);
    app.agent(in).name("upper").sink(out).process(s -> s.map(String::toUpperCase));
    app.start();
    for (int i = 0; i < 1000; i++) {
      in.send("k" + i, "v" + i);
    }
    List<ConsumerRecord<String, String>> got =
        kafka.client().consumeStrings(id + "-out", 1000, Duration.ofSeconds(60));
    Set<String> values = new HashSet<>();
    got.forEach(r -> values.add(r.value()));
    assertEquals(1000, values.size());
    assertTrue(values.contains("\"V999\"") || values.contains("V999"), () -> "sample " + got.get(0));
    AWAIT.until("consumer lag 0", () -> kafka.client().lag(id, id + "-in") == 0);
  }

  @Test
  void groupByLandsEveryKeyOnOnePartition(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("groupby");
    App app = app(kafka, id, b -> b);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Map<String, Set<Integer>> partitionsByAccount = new ConcurrentHashMap<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    app.agent(in).name("counter").start(s -> {
      Topic<String, String> unused = in; // the source keeps its own partitioning
      for (Event<String, String> e : s.groupBy(v -> v.split(":")[0], "account").events()) {
        partitionsByAccount.computeIfAbsent(e.value().split(":")[0], k -> ConcurrentHashMap.newKeySet())
            .add(e.partition());
        seen.add(e.value());
        assertEquals(unused.name().replace("-in", "") + "-counter-account-repartition", e.topic());
      }
    });
    app.start();
    for (int i = 0; i < 400; i++) {
      in.send("random-" + i, "acct" + (i % 20) + ":" + i); // keys unrelated to the account
    }
    AWAIT.until("400 events after groupBy", () -> seen.size() >= 400);
    assertEquals(20, partitionsByAccount.size());
    partitionsByAccount.forEach((acct, parts) ->
        assertEquals(1, parts.size(), () -> acct + " seen on partitions " + parts));
    assertEquals(4, kafka.client().partitionCount(id + "-counter-account-repartition"));
  }

  @Test
  void groupByDecodesKeysIntoTheDeclaredTypeOnEveryWorker(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("groupby-typed");
    Map<Long, Set<String>> workersByCustomer = new ConcurrentHashMap<>();
    List<KeyValue<Long, String>> seen = new CopyOnWriteArrayList<>();
    List<App> workers = new ArrayList<>();
    for (String worker : List.of("w1", "w2")) {
      App app = app(kafka, id, b -> b);
      Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
      app.agent(in).name("by-customer").start(s -> {
        Stream<Long, String> byCustomer =
            s.groupBy(v -> Long.parseLong(v.split(":")[0]), Long.class, "customer");
        for (KeyValue<Long, String> kv : byCustomer.items()) {
          long customer = kv.key(); // unboxes: a Long, whichever worker reads the record
          assertEquals(Long.parseLong(kv.value().split(":")[0]), customer);
          workersByCustomer.computeIfAbsent(customer, c -> ConcurrentHashMap.newKeySet())
              .add(worker);
          seen.add(kv);
        }
      });
      app.start();
      workers.add(app);
    }
    AWAIT.until("both workers hold partitions", () -> workers.stream().allMatch(a ->
        !((dev.mephisto.core.internal.MephistoApp) a).conductor().orElseThrow().assignment()
            .isEmpty()));
    Topic<String, String> in = workers.get(0).topic(id + "-in", String.class, String.class);
    for (int i = 0; i < 200; i++) {
      in.send("order-" + i, (1_000_000_000_000L + i % 10) + ":" + i);
    }
    AWAIT.until("200 events after groupBy", () -> seen.size() >= 200);
    assertEquals(10, workersByCustomer.size());
    workersByCustomer.forEach((c, w) -> assertEquals(1, w.size(), () -> c + " read by " + w));
    // the repartition topic holds the keys as the Long's codec (json) writes them
    String repartition = id + "-by-customer-customer-repartition";
    Set<String> keys = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll(repartition)) {
      keys.add(new String(r.key(), StandardCharsets.UTF_8));
    }
    assertEquals(10, keys.size(), keys::toString);
    assertTrue(keys.contains("1000000000003"), keys::toString);
  }

  @Test
  void groupByKeepsEachEventsTimestamp(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("groupby-time");
    App app = app(kafka, id, b -> b);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Map<String, Long> timestamps = new ConcurrentHashMap<>();
    app.agent(in).name("timed").start(s -> {
      for (Event<String, String> e : s.groupBy(v -> v, "value").events()) {
        timestamps.put(e.value(), e.timestamp().toEpochMilli());
      }
    });
    app.start();
    long base = 1_600_000_000_000L;
    List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      records.add(new org.apache.kafka.clients.producer.ProducerRecord<>(id + "-in", null, base + i,
          ("k" + i).getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8)));
    }
    kafka.client().send(records);
    AWAIT.until("50 events after groupBy", timestamps::size, n -> n == 50);
    for (int i = 0; i < 50; i++) {
      assertEquals(base + i, timestamps.get("v" + i), "event time of v" + i);
    }
  }

  @Test
  void takeBatchesUpToMaxOrWithin(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("take");
    App app = app(kafka, id, b -> b);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class).withPartitions(1);
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    app.agent(in, s -> {
      for (List<String> batch : s.take(100, Duration.ofSeconds(1))) {
        sizes.add(batch.size());
      }
    });
    app.start();
    for (int i = 0; i < 250; i++) {
      in.send("k", "v" + i);
    }
    AWAIT.until("250 values in batches", () -> sizes.stream().mapToInt(Integer::intValue).sum() == 250);
    assertTrue(sizes.stream().allMatch(n -> n <= 100), () -> "batches " + sizes);
    assertTrue(sizes.stream().anyMatch(n -> n == 100), () -> "no full batch in " + sizes);
  }

  @Test
  void askReceivesTheReplyOverTheReplyTopic(KafkaCluster kafka) throws Exception {
    String id = KafkaTestClient.uniqueName("ask");
    App app = app(kafka, id, b -> b);
    Topic<String, String> in = app.topic(id + "-questions", String.class, String.class);
    Agent<String, String> agent = app.agent(in).name("oracle").process(s -> s.map(q -> q.length() + ""));
    app.start();
    assertEquals("5", agent.ask("hello", String.class, Duration.ofSeconds(30)).get());
    assertEquals("2", agent.ask("hi", String.class, Duration.ofSeconds(30)).get());
  }

  @Test
  void poisonPillsGoToTheDeadLetterTopicAndNothingIsLost(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("dlq");
    App app = app(kafka, id, b -> b.codec(DigitsCodec.PROVIDER).valueCodec("digits"));
    Topic<String, Integer> in = app.topic(id + "-in", String.class, Integer.class);
    Set<Integer> processed = ConcurrentHashMap.newKeySet();
    app.agent(in, s -> {
      for (Integer v : s) {
        if (v < 0) {
          throw new IllegalArgumentException("negative amount " + v);
        }
        processed.add(v);
      }
    });
    app.start();
    List<dev.mephisto.KeyValue<String, String>> records = new ArrayList<>();
    int pills = 0;
    int failures = 0;
    for (int i = 0; i < 10_000; i++) {
      records.add(dev.mephisto.KeyValue.of("k" + i, Integer.toString(i)));
      if (i % 1000 == 500) {
        records.add(dev.mephisto.KeyValue.of("pill" + i, "not a number " + i));
        pills++;
      }
      if (i % 2500 == 7) {
        records.add(dev.mephisto.KeyValue.of("neg" + i, Integer.toString(-i)));
        failures++;
      }
    }
    kafka.client().produceStrings(id + "-in", records);
    AWAIT.until("10000 values processed", processed::size, n -> n == 10_000);
    int expectedDead = pills + failures;
    List<ConsumerRecord<byte[], byte[]>> dead =
        kafka.client().consume(id + "-in.dlq", expectedDead, Duration.ofSeconds(60));
    assertEquals(expectedDead, dead.size());
    Map<String, Integer> byException = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      String ex = new String(r.headers().lastHeader("mephisto.dlq.exception").value(), StandardCharsets.UTF_8);
      byException.merge(ex, 1, Integer::sum);
      assertEquals(id + "-in", new String(r.headers().lastHeader("mephisto.dlq.topic").value(),
          StandardCharsets.UTF_8));
    }
    assertEquals(Map.of("dev.mephisto.CodecException", pills,
        "java.lang.IllegalArgumentException", failures), byException);
    String msg = new String(dead.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8)
        .startsWith("not a number")).findFirst().orElseThrow().headers()
        .lastHeader("mephisto.dlq.message").value(), StandardCharsets.UTF_8);
    assertTrue(msg.startsWith("Cannot decode value of topic '" + id + "-in' partition "), msg);
    assertTrue(msg.contains("with 'digits': expected digits but was \"not a number"), msg);
    AWAIT.until("consumer lag 0", () -> kafka.client().lag(id, id + "-in") == 0);
  }
}
