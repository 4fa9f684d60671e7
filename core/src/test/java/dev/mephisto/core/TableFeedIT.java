package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.EmbeddedKafka;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a broker that creates topics as stock Kafka does (auto.create.topics.enable: a topic a client
 * asks for by name appears with num.partitions), a topic feeding a table with another partition
 * count than the table stops the worker at start, before any record is processed: no valid record
 * is dead-lettered, nothing is committed, and the message names both counts and the fix.
 */
class TableFeedIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private static EmbeddedKafka stock;
  @RegisterExtension final TestApps apps = new TestApps();

  @BeforeAll
  static void startStockBroker() {
    stock = EmbeddedKafka.builder().autoCreateTopics().build().start();
  }

  @AfterAll
  static void stopStockBroker() {
    stock.close();
  }

  private App app(String id) {
    return apps.track(App.builder(id).broker("kafka://" + stock.bootstrapServers())
        .valueCodec("string").topicPartitions(4).commitInterval(Duration.ofMillis(200))
        .web("127.0.0.1", 0).environment(Map.of()).build());
  }

  private static void orders(String topic) {
    List<KeyValue<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add(KeyValue.of("order-" + i, "acct-" + (i % 10)));
    }
    stock.client().produceStrings(topic, records);
  }

  private static void assertNothingProcessed(String id, AtomicInteger processed,
      List<String> deadLetterTopics) {
    assertEquals(0, processed.get(), "no record reached the table's agent");
    for (String dlq : deadLetterTopics) {
      if (stock.client().topics().contains(dlq)) {
        assertEquals(0, stock.client().recordCount(dlq), "no valid record in " + dlq);
      }
    }
    assertEquals(Map.of(), stock.client().committedOffsets(id), "nothing committed");
  }

  @Test
  void aRepartitionTopicTheBrokerCreatedWithItsDefaultSizeStopsTheWorkerBeforeAnyRecord() {
    String id = KafkaTestClient.uniqueName("feed-repart");
    String repartition = id + "-count-account-repartition";
    stock.client().createTopic(id + "-orders", 4);
    orders(id + "-orders");
    // any client asking for the topic by name (a CLI, a tool, an older version of the app)
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(stock.client().producerProperties(),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      p.partitionsFor(repartition);
    }
    AWAIT.until("the stock broker created the repartition topic",
        () -> stock.client().topics().contains(repartition));
    assertEquals(1, stock.client().partitionCount(repartition), "the broker's num.partitions");

    App app = app(id);
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    AtomicInteger processed = new AtomicInteger();
    app.agent(orders).name("count").start(s -> {
      for (String account : s.groupBy(v -> v, "account")) {
        processed.incrementAndGet();
        counts.update(account, n -> n + 1);
      }
    });
    app.start();
    AWAIT.until("the worker stopped", () -> ((MephistoApp) app).failure().isPresent());
    String message = ((MephistoApp) app).failure().orElseThrow().getMessage();
    assertTrue(message.contains("Internal topic '" + repartition + "' has 1 partitions but the "
        + "app needs 4") && message.contains("delete topic '" + repartition + "'"), message);
    app.stop();
    assertNothingProcessed(id, processed, List.of(id + "-orders.dlq", repartition + ".dlq"));
  }

  @Test
  void aSourceTopicOfAnotherSizeThanTheTableFailsTheStart() {
    String id = KafkaTestClient.uniqueName("feed-source");
    stock.client().createTopic(id + "-orders", 4);
    orders(id + "-orders");
    App app = app(id);
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    Table<String, Long> counts =
        app.table(TableSpec.of("counts", String.class, Long.class).withDefault(0L).withPartitions(2));
    AtomicInteger processed = new AtomicInteger();
    app.agent(orders).name("count").start(s -> {
      for (String account : s) {
        processed.incrementAndGet();
        counts.update(account, n -> n + 1);
      }
    });
    String message = assertThrows(ConfigurationException.class, app::start).getMessage();
    assertTrue(message.contains("Table 'counts' has 2 partitions but topic '" + id
        + "-orders' feeding it has 4") && message.contains("withPartitions(4)"), message);
    app.stop();
    assertNothingProcessed(id, processed, List.of(id + "-orders.dlq"));
  }
}
