package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.JoinWindow;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.Window;
import dev.mephisto.WindowedTable;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Windowed and join changelogs are {@code compact,delete}, and the broker deletes a segment once
 * its newest record timestamp is older than {@code retention.ms}. Their records carry the time
 * they were written (the wall clock), not the event time: with event times far in the past (a
 * backfill, a replay) the broker keeps every record for the retention after its write, so a
 * restore finds the windows and buffered join events still open by event time.
 */
@WithKafka
class WindowChangelogRetentionIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  /** 2001-01-01: event times 25 years old. */
  private static final long OLD = 978_307_200_000L;
  @RegisterExtension final TestApps apps = new TestApps();

  private record Worker(App app, WindowedTable<String, Long> counts) {}

  private Worker worker(KafkaCluster kafka, String id, List<String> joined) {
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(1));
    Topic<String, String> clicks = app.topic(id + "-clicks", String.class, String.class);
    Topic<String, String> views = app.topic(id + "-views", String.class, String.class);
    WindowedTable<String, Long> counts = app.windowedTable(TableSpec.of("counts", String.class,
        Long.class).withDefault(0L).tumbling(Duration.ofSeconds(10)).grace(Duration.ofSeconds(5)));
    app.agent(clicks).name("count").start(s -> s.items()
        .forEach(kv -> counts.update(kv.key(), n -> n + 1)));
    app.agent(clicks).name("match").sink(String.class, joined::add).process(s -> s
        .join(views, JoinWindow.of(Duration.ofSeconds(5)), (c, v) -> c + "+" + v, "cv"));
    return new Worker(app, counts);
  }

  private static void click(App app, String topic, String value, long time) {
    app.topic(topic, String.class, String.class).message(value).key("k")
        .timestamp(Instant.ofEpochMilli(time)).send().join();
  }

  private static Map<String, String> configs(KafkaCluster kafka, String topic) throws Exception {
    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    var c = kafka.client().admin().describeConfigs(List.of(r)).all().get().get(r);
    return Map.of("cleanup.policy", c.get("cleanup.policy").value(), "retention.ms",
        c.get("retention.ms").value());
  }

  private static Optional<Long> at(WindowedTable<String, Long> t, long start) {
    return t.windows("k").stream().filter(w -> w.start().toEpochMilli() == start).findFirst()
        .flatMap(w -> t.get("k").get(w));
  }

  @Test
  void oldEventTimesKeepTheirChangelogRecordsForTheRetentionAfterTheWrite(KafkaCluster kafka)
      throws Exception {
    String id = KafkaTestClient.uniqueName("old-times");
    long started = System.currentTimeMillis();
    List<String> joined = new CopyOnWriteArrayList<>();
    Worker first = worker(kafka, id, joined);
    first.app().start();
    for (int i = 0; i < 30; i++) { // 10 per window: [0, 10) s closed and expired, [20, 30) open
      click(first.app(), id + "-clicks", "c" + i, OLD + i * 1_000L);
    }
    AWAIT.until("30 clicks counted", () -> kafka.client().lag(id, id + "-clicks") == 0);
    assertEquals(Optional.of(10L), at(first.counts(), OLD + 20_000));
    first.app().stop();
    long stopped = System.currentTimeMillis();

    // size 10 s + grace 5 s + expiry 15 s; the join: 2 × (before + after + grace)
    assertEquals(Map.of("cleanup.policy", "compact,delete", "retention.ms", "30000"),
        configs(kafka, id + "-counts-changelog"));
    assertEquals(Map.of("cleanup.policy", "compact,delete", "retention.ms", "20000"),
        configs(kafka, id + "-match-cv-this-changelog"));
    for (String changelog : List.of(id + "-counts-changelog", id + "-match-cv-this-changelog")) {
      List<ConsumerRecord<byte[], byte[]>> records = kafka.client().readAll(changelog);
      assertTrue(records.size() >= 3, changelog + ": " + records.size()); // the cache collapses
      for (ConsumerRecord<byte[], byte[]> r : records) {
        assertTrue(r.timestamp() >= started && r.timestamp() <= stopped, () -> changelog
            + " offset " + r.offset() + " has timestamp " + r.timestamp() + ": not its write "
            + "time, so the broker would count the retention from 2001 and delete it at once");
      }
    }

    Worker second = worker(kafka, id, joined);
    second.app().start();
    AWAIT.until("the open window restored", () -> at(second.counts(), OLD + 20_000)
        .equals(Optional.of(10L)));
    assertEquals(Optional.of(10L), at(second.counts(), OLD + 10_000), "closed, not expired");
    assertEquals(Optional.empty(), at(second.counts(), OLD), "expired before the restart");
    click(second.app(), id + "-clicks", "c-after", OLD + 29_500);
    AWAIT.until("the open window goes on counting", () -> at(second.counts(), OLD + 20_000)
        .equals(Optional.of(11L)));
    // the buffered clicks of the join were restored too: a view joins the last five seconds
    click(second.app(), id + "-views", "v", OLD + 29_000);
    AWAIT.until("the view read", () -> kafka.client().lag(id, id + "-views") == 0
        && kafka.client().lag(id, id + "-clicks") == 0);
    assertEquals(List.of("c-after+v", "c24+v", "c25+v", "c26+v", "c27+v", "c28+v", "c29+v"),
        joined.stream().sorted().toList());
  }
}
