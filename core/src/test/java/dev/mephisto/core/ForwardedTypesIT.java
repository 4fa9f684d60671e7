package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
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
 * Values forwarded by groupBy after a map carry their type's name, looked up among the types the
 * app declared; nothing a record says is ever loaded as a class.
 */
@WithKafka
class ForwardedTypesIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
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
  void mappedValuesOfADeclaredTypeCrossTheRepartitionTopic(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("fwd-declared");
    App app = app(kafka, id);
    Topic<String, Order> in = app.topic(id + "-in", String.class, Order.class);
    app.channel(Total.class); // declares the type the map produces
    List<Object> seen = new CopyOnWriteArrayList<>();
    app.agent(in).name("totals").start(s -> {
      for (Object t : s.map(o -> new Total(o.account(), o.amount() * 2)).groupBy(Total::account, "acct")) {
        seen.add(t);
      }
    });
    app.start();
    for (int i = 0; i < 20; i++) {
      in.send("k" + i, new Order("acct" + (i % 3), i)).join();
    }
    AWAIT.until("20 totals after groupBy", seen::size, n -> n == 20);
    assertTrue(seen.stream().allMatch(Total.class::isInstance), seen::toString);
    assertTrue(seen.contains(new Total("acct1", 14)), seen::toString);
  }

  @Test
  void anUndeclaredMappedTypeStopsTheWorkerSayingHowToDeclareIt(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("fwd-undeclared");
    App app = app(kafka, id);
    Topic<String, Order> in = app.topic(id + "-in", String.class, Order.class);
    app.agent(in).name("totals").start(s -> {
      for (Object t : s.map(o -> new Total(o.account(), o.amount() * 2)).groupBy(Total::account, "acct")) {
        t.hashCode();
      }
    });
    app.start();
    in.send("k", new Order("acct", 1)).join();
    MephistoApp m = (MephistoApp) app;
    AWAIT.until("the worker stopped", () -> !m.running());
    String why = m.failure().orElseThrow().getMessage();
    assertTrue(why.contains("type '" + Total.class.getName() + "' cannot be forwarded to topic '"
        + id + "-totals-acct-repartition'"), why);
    assertTrue(why.contains("app.channel(Total.class)"), why);
    assertEquals(0, kafka.client().recordCount(id + "-totals-acct-repartition"),
        "nothing was forwarded that the other workers could not decode");
  }

  @Test
  void aTypeNamedInAHeaderIsNeverLoaded(KafkaCluster kafka, @TempDir Path dir) {
    String id = KafkaTestClient.uniqueName("fwd-canary");
    App app = app(kafka, id);
    Topic<String, Order> in = app.topic(id + "-in", String.class, Order.class);
    app.channel(Total.class);
    List<Object> seen = new CopyOnWriteArrayList<>();
    List<Object> direct = new CopyOnWriteArrayList<>();
    app.agent(in).name("totals").start(s -> {
      for (Object t : s.map(o -> new Total(o.account(), o.amount() * 2)).groupBy(Total::account, "acct")) {
        seen.add(t);
      }
    });
    Topic<String, String> plain = app.topic(id + "-plain", String.class, String.class)
        .withValueCodec("raw");
    app.agent(plain).name("plain").start(s -> s.forEach(direct::add));
    app.start();
    Path victim = dir.resolve("victim.txt");
    byte[] payload = ("{\"path\":\"" + victim + "\"}").getBytes(StandardCharsets.UTF_8);
    String repartition = id + "-totals-acct-repartition";
    ProducerRecord<byte[], byte[]> forged = new ProducerRecord<>(repartition, 0, null, payload);
    forged.headers().add(new RecordHeader("mephisto.value-type",
        Canary.class.getName().getBytes(StandardCharsets.UTF_8)));
    ProducerRecord<byte[], byte[]> onPlain = new ProducerRecord<>(id + "-plain", null, payload);
    onPlain.headers().add(new RecordHeader("mephisto.value-type",
        Canary.class.getName().getBytes(StandardCharsets.UTF_8)));
    kafka.client().send(List.of(forged, onPlain));

    List<ConsumerRecord<byte[], byte[]>> dead =
        kafka.client().consume(repartition + ".dlq", 1, Duration.ofSeconds(90));
    assertEquals(1, dead.size());
    String message = header(dead.get(0), "mephisto.dlq.message");
    assertTrue(message.startsWith("Cannot decode value of topic '" + repartition
        + "' partition 0 offset 0 with 'json': header 'mephisto.value-type' names the type '"
        + Canary.class.getName() + "' that this app did not declare"), message);
    AWAIT.until("the plain topic's agent got the value as its declared type", direct::size, n -> n == 1);
    assertEquals(new String(payload, StandardCharsets.UTF_8), direct.get(0),
        "a header on any other topic is ignored");
    assertFalse(CanaryFlags.CONSTRUCTED.get(), "the class named in the header was instantiated");
    assertFalse(Files.exists(victim), "the canary wrote its file");
    assertTrue(((MephistoApp) app).running());
    in.send("k", new Order("a", 1)).join();
    AWAIT.until("valid values still flow", seen::size, n -> n == 1);
    AWAIT.until("the forged record's offset is committed",
        () -> kafka.client().lag(id, repartition) == 0);
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
