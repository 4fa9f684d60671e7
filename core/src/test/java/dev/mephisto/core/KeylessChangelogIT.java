package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A changelog record someone else wrote without a key cannot stop the worker. */
@WithKafka
class KeylessChangelogIT {
  @RegisterExtension final TestApps apps = new TestApps();

  @Test
  void aChangelogRecordWithoutAKeyIsSkippedAndTheWorkerGoesOn(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("keyless");
    kafka.createTopic(id + "-in", 1);
    // not compacted: a compacted topic would refuse the keyless record outright
    kafka.createTopic(id + "-counts-changelog", 1);
    kafka.client().send(List.of(
        record(id + "-counts-changelog", "\"a\"", "5"),
        record(id + "-counts-changelog", null, "7"),
        record(id + "-counts-changelog", "\"b\"", "9")));
    App app = apps.kafka(kafka, id, b -> b.tableStandbyReplicas(0));
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    List<Long> seen = new CopyOnWriteArrayList<>();
    app.agent(in, s -> {
      for (String v : s) {
        seen.add(counts.update(v, n -> n + 1));
      }
    });
    app.start();
    in.send("k", "a").join();
    Await.atMost(Duration.ofSeconds(90)).until("a counted on top of the restored 5",
        seen::size, n -> n == 1);
    assertEquals(List.of(6L), seen);
    assertEquals(9L, counts.get("b").orElseThrow());
    assertTrue(((MephistoApp) app).running(), "the worker goes on");
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
    return new ProducerRecord<>(topic, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }
}
