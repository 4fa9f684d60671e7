package dev.mephisto.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.LifecycleListener;
import dev.mephisto.RestoreProgress;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.WorkerState;
import dev.mephisto.core.internal.metrics.MeterNames;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real broker: every documented meter shows up in {@code /metrics}, and a lifecycle
 * listener sees the worker's states and its tables' restore progress.
 */
@WithKafka
class MetricsAndLifecycleIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private final List<App> apps = new ArrayList<>();

  @AfterEach
  void stop() {
    apps.forEach(App::stop);
  }

  private App counter(KafkaCluster kafka, String id, LifecycleListener listener) {
    App app = App.builder(id).broker("kafka://" + kafka.bootstrapServers()).valueCodec("string")
        .topicPartitions(2).commitInterval(Duration.ofMillis(200)).web("127.0.0.1", 0)
        .listener(listener).environment(Map.of()).build();
    apps.add(app);
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(orders).name("counter").start(s -> {
      for (KeyValue<String, String> kv : s.<String>items()) {
        if (kv.value().equals("boom")) {
          throw new IllegalArgumentException("cannot count 'boom'");
        }
        counts.update(kv.key(), n -> n + 1);
      }
    });
    return app;
  }

  /** Records what the worker tells. */
  static final class Recorder implements LifecycleListener {
    final List<WorkerState> states = new CopyOnWriteArrayList<>();
    final List<RestoreProgress> restores = new CopyOnWriteArrayList<>();

    @Override
    public void onStateChange(WorkerState from, WorkerState to) {
      states.add(to);
    }

    @Override
    public void onRestoreProgress(RestoreProgress progress) {
      restores.add(progress);
    }
  }

  @Test
  void everyMeterIsScrapedAndListenersSeeStatesAndRestores(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("ops");
    Recorder first = new Recorder();
    App one = counter(kafka, id, first);
    one.start();
    List<KeyValue<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(KeyValue.of("k" + (i % 30), "o" + i));
    }
    records.add(KeyValue.of("k1", "boom"));
    kafka.client().produceStrings(id + "-orders", records);
    AWAIT.until("all processed and committed", () -> kafka.client().lag(id, id + "-orders") == 0);
    AWAIT.until("the failing record was dead-lettered",
        () -> kafka.client().recordCount(id + "-orders.dlq") == 1);
    one.stop();
    assertEquals(List.of(WorkerState.ASSIGNED, WorkerState.RUNNING, WorkerState.STOPPING,
        WorkerState.STOPPED), first.states, "a fresh worker has nothing to restore");

    Recorder second = new Recorder();
    App two = counter(kafka, id, second);
    two.start();
    AWAIT.until("running after the restore", () -> second.states.contains(WorkerState.RUNNING));
    assertEquals(List.of(WorkerState.ASSIGNED, WorkerState.RESTORING, WorkerState.RUNNING),
        second.states, "the memory store restores its tables from the changelog");
    List<RestoreProgress> done = second.restores.stream().filter(RestoreProgress::done).toList();
    assertEquals(List.of(0, 1), done.stream().map(RestoreProgress::partition).sorted().toList(),
        "each table partition reports its restore done: " + second.restores);
    long changelog = kafka.client().endOffsets(id + "-counts-changelog").values().stream()
        .mapToLong(Long::longValue).sum();
    assertEquals(changelog, done.stream().mapToLong(RestoreProgress::recordsRestored).sum(),
        "the whole changelog was restored: " + done);
    assertTrue(done.stream().allMatch(p -> p.recordsRestored() == p.recordsTotal()), done::toString);
    kafka.client().produceStrings(id + "-orders", List.of(KeyValue.of("k2", "more")));
    AWAIT.until("the new record is processed", () -> kafka.client().lag(id, id + "-orders") == 0);

    String scrape = WebClient.get(two, "/metrics").body();
    for (String name : MeterNames.ALL) {
      if (name.equals(MeterNames.DEAD_LETTERED) || name.equals(MeterNames.STALLS)) {
        continue; // counted by the first worker; checked below
      }
      assertTrue(scrape.contains(name.replace('.', '_')), name + " missing in\n" + scrape);
    }
    assertTrue(scrape.contains("mephisto_restore_records{app=\"" + id + "\",partition=\"0\",table=\"counts\"}"),
        scrape);
    assertTrue(scrape.contains("mephisto_agent_processing_seconds_bucket{agent=\"counter\""), scrape);
    assertTrue(scrape.contains("jvm_memory_used_bytes") && scrape.contains("process_cpu_usage"),
        "JVM and process metrics");
    assertTrue(scrape.contains("mephisto_consumer_lag{app=\"" + id + "\",partition="), scrape);
    // the write cache flushes changelog writes before a commit, from the poll loop (agent none)
    assertTrue(java.util.regex.Pattern.compile("mephisto_records_out_total\\{agent=\"(counter|none)\","
        + "app=\"" + id + "\",topic=\"" + id + "-counts-changelog\"\\} [1-9]").matcher(scrape).find(),
        () -> "changelog writes are counted:\n" + scrape);
    assertTrue(scrape.contains("mephisto_table_entries{app=\"" + id + "\",role=\"active\",table=\"counts\"} 30.0"),
        scrape);
    apps.remove(one);
  }

  @Test
  void deadLettersAreCountedByTopicAndReason(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("ops-dlq");
    App app = counter(kafka, id, new Recorder());
    app.start();
    kafka.client().produceStrings(id + "-orders", List.of(KeyValue.of("a", "boom"),
        KeyValue.of("b", "fine"), KeyValue.of("c", "boom")));
    AWAIT.until("two dead letters", () -> kafka.client().recordCount(id + "-orders.dlq") == 2);
    String scrape = WebClient.get(app, "/metrics").body();
    assertTrue(scrape.contains("mephisto_dlq_records_total{app=\"" + id + "\",reason=\"processing\","
        + "topic=\"" + id + "-orders\"} 2.0"), scrape);
    assertTrue(scrape.contains("mephisto_stalls_total{app=\"" + id + "\"} 0.0"), scrape);
    WebClient.Reply status = WebClient.get(app, "/api/status");
    assertTrue(status.body().contains("\"deadLetters\":{\"" + id + "-orders\":{\"processing\":2}}"),
        status.body());
  }
}
