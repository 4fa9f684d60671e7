package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly-once output and backpressure against the real broker. */
@WithKafka
class DeliveryIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  @RegisterExtension final TestApps apps = new TestApps();


  private static List<KeyValue<String, String>> numbered(int n) {
    List<KeyValue<String, String>> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(KeyValue.of("k" + i, Integer.toString(i)));
    }
    return records;
  }

  @Test
  void exactlyOnceCommitsOutputAndOffsetsTogether(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("eos");
    App app = apps.kafka(kafka, id,
        b -> b.topicPartitions(3).exactlyOnce().commitInterval(Duration.ofMillis(300)));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Topic<String, String> out = app.topic(id + "-out", String.class, String.class);
    app.agent(in).name("copy").sink(out).process(s -> s.map(v -> "copy-" + v));
    app.start();
    kafka.client().produceStrings(id + "-in", numbered(1500));
    AWAIT.until("lag 0", () -> kafka.client().lag(id, id + "-in") == 0);

    Map<String, Object> props = kafka.client().consumerProperties(id + "-reader");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> committed = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
      c.subscribe(List.of(id + "-out"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (committed.size() < 1500 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          committed.add(r.value());
        }
      }
    }
    assertEquals(1500, committed.size(), "every output committed exactly once");
    assertEquals(1500, new HashSet<>(committed).size());
  }

  @Test
  void aFullBufferPausesThePartitionUntilTheAgentCatchesUp(KafkaCluster kafka) throws Exception {
    String id = KafkaTestClient.uniqueName("pause");
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(1).streamBufferMaxSize(50));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger processed = new AtomicInteger();
    app.agent(in, s -> {
      for (String v : s) {
        if (processed.get() == 0) {
          try {
            release.await(); // a slow agent: stuck on its first record
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        processed.incrementAndGet();
      }
    });
    app.start();
    kafka.client().produceStrings(id + "-in", numbered(3000));
    var conductor = ((MephistoApp) app).conductor().orElseThrow();
    AWAIT.until("the partition is paused", () -> !conductor.pausedPartitions().isEmpty());
    int buffered = conductor.inFlight();
    assertTrue(buffered < 3000, "fetching stopped early, " + buffered + " records buffered");
    release.countDown();
    AWAIT.until("all 3000 processed", processed::get, n -> n == 3000);
    AWAIT.until("the partition is resumed", () -> conductor.pausedPartitions().isEmpty());
  }

  @Test
  void theLeaderPartitionIsHeldButNeverFetched(KafkaCluster kafka) {
    // fetched, the empty leader partition made every fetch sent while the input partitions were
    // paused wait fetch.max.wait.ms, and partitions resumed meanwhile waited for it
    String id = KafkaTestClient.uniqueName("leader-unfetched");
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(2));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    AtomicInteger processed = new AtomicInteger();
    app.agent(in, s -> {
      for (String v : s) {
        processed.incrementAndGet();
      }
    });
    app.start();
    var conductor = ((MephistoApp) app).conductor().orElseThrow();
    TopicPartition leaderPartition = new TopicPartition(id + "-__leader", 0);
    AWAIT.until("this worker leads", conductor::isLeader);
    AWAIT.until("the leader partition is paused",
        () -> conductor.notFetched().contains(leaderPartition));
    kafka.client().produceStrings(id + "-in", numbered(500));
    AWAIT.until("all 500 processed", processed::get, n -> n == 500);
    assertEquals(java.util.Set.of(leaderPartition), conductor.notFetched(),
        "the input partitions are fetched, the leader partition is not");
    assertTrue(conductor.isLeader(), "a paused leader partition still makes the leader");
  }
}
