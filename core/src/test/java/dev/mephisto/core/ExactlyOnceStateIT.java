package dev.mephisto.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once and state: a worker that stops in the middle of a transaction (closed without a
 * commit, as a kill would leave it) leaves no uncommitted write in its RocksDB store for the next
 * worker to count again.
 */
@WithKafka
class ExactlyOnceStateIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private static final int ACCOUNTS = 10;
  @RegisterExtension final TestApps apps = new TestApps();

  private record Worker(App app, Table<String, Long> counts) {}

  private Worker worker(KafkaCluster kafka, String id, String topic, String store,
      Duration commitInterval, int commitEvery, CountDownLatch holding, CountDownLatch release) {
    App app = apps.kafka(kafka, id, b -> b.exactlyOnce().store(store).tableStandbyReplicas(0)
        .tableCacheMaxBytes(0) // every update reaches the store at once
        .commitInterval(commitInterval).commitEvery(commitEvery));
    Topic<String, String> in = app.topic(topic, String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.<String>items()) {
        counts.update(kv.key(), n -> n + 1);
        if (kv.value().equals("hold") && holding != null) {
          holding.countDown();
          try {
            release.await(); // in the middle of its transaction: a commit must wait for it
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    });
    return new Worker(app, counts);
  }

  private static void produce(KafkaCluster kafka, String topic, int from, int to, String last) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String v = i == to - 1 && last != null ? last : Integer.toString(i);
      records.add(new ProducerRecord<>(topic, 0, ("acct" + (i % ACCOUNTS)).getBytes(UTF_8),
          v.getBytes(UTF_8)));
    }
    kafka.client().send(records);
  }

  private static Map<String, Long> counts(Worker w) {
    Map<String, Long> m = new TreeMap<>();
    w.counts().items().forEach(kv -> m.put(kv.key(), kv.value()));
    return m;
  }

  private static long committed(KafkaCluster kafka, String id, String topic) {
    Long o = kafka.client().committedOffsets(id).get(new TopicPartition(topic, 0));
    return o == null ? -1 : o;
  }

  @Test
  void crashInTheMiddleOfATransactionLeavesNoUncommittedWritesInRocksDb(KafkaCluster kafka)
      throws Exception {
    String id = KafkaTestClient.uniqueName("eos-state");
    String topic = id + "-orders";
    kafka.client().createTopic(topic, 1);
    String store = apps.rocksdb("eos-state");
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // commits after every 200 events only: the first 200 are committed, the next 101 are
    // written to the store in a transaction that never commits
    Worker first = worker(kafka, id, topic, store, Duration.ofMinutes(10), 200, holding, release);
    first.app().start();
    produce(kafka, topic, 0, 200, null);
    AWAIT.until("the first 200 events committed", () -> committed(kafka, id, topic) == 200);
    produce(kafka, topic, 200, 301, "hold");
    assertTrue(holding.await(60, TimeUnit.SECONDS), "the agent reached the held event");
    Map<String, Long> inStore = counts(first);
    assertTrue(inStore.values().stream().mapToLong(Long::longValue).sum() == 301,
        "the open transaction's 101 updates are in the store: " + inStore);
    ((MephistoApp) first.app()).simulateCrash(); // closed without a commit
    release.countDown();

    Worker second = worker(kafka, id, topic, store, Duration.ofMillis(300), 10_000, null, null);
    second.app().start();
    AWAIT.until("the second worker processed the uncommitted events again and committed",
        () -> committed(kafka, id, topic) == 301);
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < 301; i++) {
      expected.merge("acct" + (i % ACCOUNTS), 1L, Long::sum);
    }
    AWAIT.until("every event counted exactly once after the crash", () -> counts(second),
        expected::equals);
  }
}
