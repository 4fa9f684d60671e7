package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workers of a new app started at the same moment all create the same topics (declared ones,
 * dead-letter, repartition, changelog, leader): each tolerates the others having created a topic
 * meanwhile, and none fails.
 */
@WithKafka
class StartupRaceIT {
  private static final int WORKERS = 6;
  private static final int ROUNDS = 5;
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(120));
  @RegisterExtension final TestApps apps = new TestApps();

  private App worker(KafkaCluster kafka, String id) {
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(6));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Topic<String, String> out = app.topic(id + "-out", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(in).name("count").start(s -> {
      for (String v : s.groupBy(v -> v, "value")) {
        counts.update(v, n -> n + 1);
      }
    });
    app.agent(in).name("copy").sink(out).process(s -> s.map(v -> "copy-" + v));
    return app;
  }

  @Test
  void sixWorkersOfANewAppStartedTogetherAllStartFiveTimesOver(KafkaCluster kafka)
      throws InterruptedException {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      String id = KafkaTestClient.uniqueName("race");
      List<App> workers = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        workers.add(worker(kafka, id));
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> starters = new ArrayList<>();
      for (App w : workers) {
        starters.add(Thread.ofPlatform().start(() -> {
          try {
            go.await();
            w.start();
          } catch (Throwable t) {
            failures.add(t);
          }
        }));
      }
      go.countDown();
      for (Thread t : starters) {
        t.join();
      }
      assertEquals(List.of(), failures, "round " + round + ": a worker failed to start");
      List<KeyValue<String, String>> records = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        records.add(KeyValue.of("k" + i, "v" + (i % 7)));
      }
      kafka.client().produceStrings(id + "-in", records);
      AWAIT.until("round " + " every record processed and committed",
          () -> kafka.client().lag(id, id + "-in") == 0
              && kafka.client().recordCount(id + "-out") == 60);
      for (App w : workers) {
        assertEquals(java.util.Optional.empty(), ((MephistoApp) w).failure(),
            "round " + round + ": a worker stopped");
      }
      for (App w : workers) {
        w.stop();
      }
    }
  }
}
