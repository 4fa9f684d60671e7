package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values a groupBy forwards are read back as the classes the code declared: keys as the groupBy's
 * key class, values as the stream's known class (the source's, or the one {@code withValueType}
 * names after a map). Nothing a record says (the old {@code mephisto.value-type} header among it)
 * is ever taken as a class.
 */
@WithKafka
class ForwardedTypesIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private static final String TYPE_HEADER = "mephisto.value-type";
  @RegisterExtension final TestApps apps = new TestApps();

  /** @param account the account @param amount the amount */
  public record Order(String account, int amount) {}

  /** @param account the account @param doubled twice the amount */
  public record Total(String account, int doubled) {}

  private App app(KafkaCluster kafka, String id) {
    App app = App.builder(id).broker("kafka://" + kafka.bootstrapServers()).topicPartitions(2)
        .commitInterval(Duration.ofMillis(200)).web("127.0.0.1", 0)
        .environment(Map.of()).build();
    return apps.track(app);
  }

  @Test
  void mappedValuesCrossTheRepartitionTopicAsTheDeclaredClassesWithNoTypeOnTheWire(
      KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("fwd-declared");
    App app = app(kafka, id);
    Topic<String, Order> in = app.topic(id + "-in", String.class, Order.class);
    List<KeyValue<Integer, Total>> seen = new CopyOnWriteArrayList<>();
    app.agent(in).name("totals").start(s -> {
      for (KeyValue<Integer, Total> kv : s.map(o -> new Total(o.account(), o.amount() * 2))
          .withValueType(Total.class).groupBy(Total::doubled, Integer.class, "doubled").items()) {
        seen.add(kv);
      }
    });
    app.start();
    for (int i = 0; i < 20; i++) {
      in.send("k" + i, new Order("acct" + (i % 3), i)).join();
    }
    AWAIT.until("20 totals after groupBy", seen::size, n -> n == 20);
    for (KeyValue<Integer, Total> kv : seen) {
      // raw checks: a wrong class would only show as a ClassCastException somewhere else
      Object key = kv.key();
      Object value = kv.value();
      assertTrue(key instanceof Integer && value instanceof Total, kv::toString);
      assertEquals(kv.value().doubled(), kv.key());
    }
    assertTrue(seen.contains(KeyValue.of(14, new Total("acct1", 14))), seen::toString);
    List<ConsumerRecord<byte[], byte[]>> forwarded =
        kafka.client().readAll(id + "-totals-doubled-repartition");
    assertEquals(20, forwarded.size());
    forwarded.forEach(r -> assertNull(r.headers().lastHeader(TYPE_HEADER),
        "the forwarding worker names no type: the reading side knows it from the code"));
  }

  @Test
  void aGroupByOfMappedValuesWhoseClassIsUndeclaredStopsTheWorkerSayingHowToDeclareIt(
      KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("fwd-undeclared");
    App app = app(kafka, id);
    Topic<String, Order> in = app.topic(id + "-in", String.class, Order.class);
    app.agent(in).name("totals").start(s -> {
      for (Total t : s.map(o -> new Total(o.account(), o.amount() * 2))
          .groupBy(Total::account, "acct")) {
        t.hashCode();
      }
    });
    app.start();
    in.send("k", new Order("acct", 1)).join();
    MephistoApp m = (MephistoApp) app;
    AWAIT.until("the worker stopped", () -> !m.running());
    String why = m.failure().orElseThrow().getMessage();
    assertTrue(why.startsWith("groupBy 'acct' of agent 'totals' repartitions values whose class "
        + "is not known"), why);
    assertTrue(why.contains(".withValueType(Total.class)"), why);
    assertFalse(kafka.client().topics().contains(id + "-totals-acct-repartition"),
        "nothing was forwarded that the other workers could not decode");
  }

  @Test
  void aTypeNamedInAHeaderIsNeverLoaded(KafkaCluster kafka, @TempDir Path dir) {
    String id = KafkaTestClient.uniqueName("fwd-canary");
    App app = app(kafka, id);
    Topic<String, Order> in = app.topic(id + "-in", String.class, Order.class);
    List<Total> seen = new CopyOnWriteArrayList<>();
    List<Object> direct = new CopyOnWriteArrayList<>();
    app.agent(in).name("totals").start(s -> {
      for (Total t : s.map(o -> new Total(o.account(), o.amount() * 2)).withValueType(Total.class)
          .groupBy(Total::account, "acct")) {
        seen.add(t);
      }
    });
    Topic<String, String> plain = app.topic(id + "-plain", String.class, String.class)
        .withValueCodec("raw");
    app.agent(plain).name("plain").start(s -> s.forEach(direct::add));
    app.start();
    String repartition = id + "-totals-acct-repartition";
    AWAIT.until("the repartition topic exists", () -> kafka.client().topics().contains(repartition));
    byte[] canary = Canary.class.getName().getBytes(StandardCharsets.UTF_8);
    Path victim = dir.resolve("victim.txt");
    byte[] payload = ("{\"path\":\"" + victim + "\"}").getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> forged = new ProducerRecord<>(repartition, 0, null, payload);
    forged.headers().add(new RecordHeader(TYPE_HEADER, canary));
    ProducerRecord<byte[], byte[]> fitting = new ProducerRecord<>(repartition, 0, null,
        "{\"account\":\"forged\",\"doubled\":42}".getBytes(StandardCharsets.UTF_8));
    fitting.headers().add(new RecordHeader(TYPE_HEADER, canary));
    ProducerRecord<byte[], byte[]> onPlain = new ProducerRecord<>(id + "-plain", null, payload);
    onPlain.headers().add(new RecordHeader(TYPE_HEADER, canary));
    kafka.client().send(List.of(forged, fitting, onPlain));
    // on the input topic too: the header travels with the record through the groupBy, unread
    in.message(new Order("a", 1)).key("k").header(TYPE_HEADER, canary).send().join();

    List<ConsumerRecord<byte[], byte[]>> dead =
        kafka.client().consume(repartition + ".dlq", 1, Duration.ofSeconds(90));
    assertEquals(1, dead.size());
    String message = header(dead.get(0), "mephisto.dlq.message");
    assertTrue(message.startsWith("Cannot decode value of topic '" + repartition
        + "' partition 0 offset 0 with 'json'"), message);
    assertTrue(message.contains("account") && message.contains("missing"),
        "decoded as the declared Total, which the canary's fields do not fit: " + message);
    AWAIT.until("the fitting forged value and the input's value, both as Total", seen::size,
        n -> n == 2);
    assertTrue(seen.containsAll(List.of(new Total("forged", 42), new Total("a", 2))),
        seen::toString);
    AWAIT.until("the plain topic's agent got the value as its declared type", direct::size, n -> n == 1);
    assertEquals(new String(payload, StandardCharsets.UTF_8), direct.get(0),
        "a header on any other topic is ignored");
    assertFalse(CanaryFlags.CONSTRUCTED.get(), "the class named in the header was instantiated");
    assertFalse(Files.exists(victim), "the canary wrote its file");
    assertTrue(((MephistoApp) app).running());
    AWAIT.until("the forged records' offsets are committed",
        () -> kafka.client().lag(id, repartition) == 0);
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
