package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Model;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import dev.mephisto.testkit.registry.EmbeddedSchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Avro values through a real Kafka topic into an agent, with a real and with a failing registry. */
@WithKafka
class AvroAgentIT {
  @Model(serializer = "avro", namespace = "it.agent.Purchase")
  record Purchase(String username, String currency, long cents) {}

  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  @RegisterExtension final TestApps apps = new TestApps();


  private App app(KafkaCluster kafka, String id, String registryUrl) {
    return apps.kafka(kafka, id,
        b -> b.valueCodec("avro").codecConfig("schema.registry.url", registryUrl));
  }

  @Test
  void agentConsumesAvroValuesRegisteredInARealRegistry(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("avro-agent");
    App app = app(kafka, id, EmbeddedSchemaRegistry.shared().url());
    Topic<String, Purchase> purchases = app.topic(id + "-purchases", String.class, Purchase.class);
    Set<Purchase> seen = ConcurrentHashMap.newKeySet();
    app.agent(purchases, s -> s.forEach(seen::add));
    app.start();
    for (int i = 0; i < 200; i++) {
      purchases.send("user" + i, new Purchase("user" + i, "EUR", 100L * i));
    }
    AWAIT.until("200 purchases decoded by the agent", seen::size, n -> n == 200);
    assertTrue(seen.contains(new Purchase("user7", "EUR", 700)));
    // the bytes on the topic are Confluent's wire format: magic byte 0, then a schema id
    ConsumerRecord<byte[], byte[]> raw =
        kafka.client().consume(id + "-purchases", 1, Duration.ofSeconds(30)).get(0);
    assertEquals(0, raw.value()[0]);
    assertTrue(ByteBuffer.wrap(raw.value(), 1, 4).getInt() > 0);
    AWAIT.until("lag 0", () -> kafka.client().lag(id, id + "-purchases") == 0);
  }

  /** Purchase's schema as a registry answers GET /schemas/ids/{id}. */
  private static final String PURCHASE_SCHEMA = "{\"schema\": \"{\\\"type\\\": \\\"record\\\","
      + " \\\"name\\\": \\\"Purchase\\\", \\\"namespace\\\": \\\"it.agent\\\", \\\"fields\\\": ["
      + "{\\\"name\\\": \\\"username\\\", \\\"type\\\": \\\"string\\\"},"
      + " {\\\"name\\\": \\\"currency\\\", \\\"type\\\": \\\"string\\\"},"
      + " {\\\"name\\\": \\\"cents\\\", \\\"type\\\": \\\"long\\\"}]}\"}";

  @Test
  void recordsWaitWhileTheRegistryIsDownAndAreDecodedWhenItIsBack(KafkaCluster kafka)
      throws Exception {
    String id = KafkaTestClient.uniqueName("avro-down");
    AtomicBoolean up = new AtomicBoolean();
    try (ScriptedRegistry registry = new ScriptedRegistry()) {
      String url = registry.serve(ex -> {
        if (up.get()) {
          ScriptedRegistry.answer(ex, 200, PURCHASE_SCHEMA);
        } else {
          ScriptedRegistry.answer(ex, 503, "{\"error_code\": 50301, \"message\": \"down\"}");
        }
      });
      App app = app(kafka, id, url);
      Topic<String, Purchase> purchases =
          app.topic(id + "-purchases", String.class, Purchase.class);
      Set<Purchase> seen = ConcurrentHashMap.newKeySet();
      app.agent(purchases, s -> s.forEach(seen::add));
      app.start();
      // Confluent-framed values naming schema id 42, as another producer would have written them
      List<KeyValue<byte[], byte[]>> framed = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        byte[] body = {4, 'u', (byte) ('0' + i), 6, 'E', 'U', 'R', (byte) (2 * i)}; // u<i>, EUR, i
        framed.add(KeyValue.of(("k" + i).getBytes(StandardCharsets.UTF_8),
            ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(42).put(body).array()));
      }
      kafka.client().produce(id + "-purchases", framed);
      // the registry's outage is not the records' fault: they wait, retried, and the backoff
      // keeps the registry from being asked once per attempt of every record
      AWAIT.until("the registry was asked again after a failure", () -> registry.calls.get() >= 2);
      assertEquals(0, seen.size());
      up.set(true);
      AWAIT.until("3 purchases decoded once the registry answers", seen::size, n -> n == 3);
      assertTrue(seen.contains(new Purchase("u2", "EUR", 2)), seen::toString);
      AWAIT.until("lag 0", () -> kafka.client().lag(id, id + "-purchases") == 0);
      String dlq = id + "-purchases.dlq";
      assertTrue(!kafka.client().topics().contains(dlq) || kafka.client().recordCount(dlq) == 0,
          "nothing was dead-lettered for a registry outage");
    }
  }
}
