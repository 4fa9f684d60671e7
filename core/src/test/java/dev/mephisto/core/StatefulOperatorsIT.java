package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.App;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stateful operators on the broker: their state is changelogged and survives a restart. */
@WithKafka
class StatefulOperatorsIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  @RegisterExtension final TestApps apps = new TestApps();

  private App worker(KafkaCluster kafka, String id, List<String> passed) {
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(2));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    app.agent(in).name("orders").sink(String.class, passed::add)
        .process(s -> s.apply("dedupe", Map.of("within", "PT1H")));
    return app;
  }

  @Test
  void dedupeRemembersWhatItSawAcrossARestart(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("dedupe");
    List<String> passed = new CopyOnWriteArrayList<>();
    App first = worker(kafka, id, passed);
    first.start();
    Topic<String, String> in = first.topic(id + "-in", String.class, String.class);
    in.send("order-1", "a").join();
    in.send("order-1", "a-again").join();
    in.send("order-2", "b").join();
    AWAIT.until("two orders passed", () -> passed.size() == 2);
    AWAIT.until("offsets committed", () -> kafka.client().lag(id, id + "-in") == 0);
    first.stop();

    App second = worker(kafka, id, passed);
    second.start();
    Topic<String, String> again = second.topic(id + "-in", String.class, String.class);
    again.send("order-1", "a-after-restart").join();
    again.send("order-3", "c").join();
    AWAIT.until("the new order passed", () -> passed.contains("c"));
    AWAIT.until("everything read", () -> kafka.client().lag(id, id + "-in") == 0);
    assertEquals(List.of("a", "b", "c"), passed.stream().sorted().toList(),
        "order-1 was seen before the restart: restored from <app>-orders-dedupe-seen-changelog");
    assertEquals(2, kafka.client().admin().describeTopics(List.of(id + "-orders-dedupe-seen"
        + "-changelog")).allTopicNames().toCompletionStage().toCompletableFuture().join()
        .get(id + "-orders-dedupe-seen-changelog").partitions().size(),
        "the state is sharded like the stream");
  }

  private static Map<String, String> configs(KafkaCluster kafka, String topic) throws Exception {
    var resource = new org.apache.kafka.common.config.ConfigResource(
        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
    var config = kafka.client().admin().describeConfigs(List.of(resource)).all().get()
        .get(resource);
    return Map.of("cleanup.policy", config.get("cleanup.policy").value(),
        "retention.ms", config.get("retention.ms").value());
  }

  @Test
  void windowedAndOperatorChangelogsAreDeletedByRetention(KafkaCluster kafka) throws Exception {
    String id = KafkaTestClient.uniqueName("retention");
    App app = worker(kafka, id, new CopyOnWriteArrayList<>());
    app.windowedTable(dev.mephisto.TableSpec.of("views", String.class, Long.class)
        .withDefault(0L).tumbling(Duration.ofSeconds(10)).grace(Duration.ofSeconds(5)));
    app.start();
    // size 10 s + grace 5 s + expiry (default size + grace) 15 s
    assertEquals(Map.of("cleanup.policy", "compact,delete", "retention.ms", "30000"),
        configs(kafka, id + "-views-changelog"));
    // dedupe within 1 h: entries expire after 1 h, the changelog keeps them twice as long
    assertEquals(Map.of("cleanup.policy", "compact,delete", "retention.ms", "7200000"),
        configs(kafka, id + "-orders-dedupe-seen-changelog"));
  }
}
