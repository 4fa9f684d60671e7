package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.TaskOptions;
import dev.mephisto.Topic;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Groups of workers, restarts and timers against the real embedded broker. */
@WithKafka
class WorkersIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  @RegisterExtension final TestApps apps = new TestApps();

  private App app(KafkaCluster kafka, String id) {
    return apps.kafka(kafka, id, b -> b.topicPartitions(4).commitInterval(Duration.ofMillis(100)));
  }


  private static List<KeyValue<String, String>> numbered(int from, int to) {
    List<KeyValue<String, String>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(KeyValue.of("k" + i, Integer.toString(i)));
    }
    return records;
  }

  @Test
  void twoWorkersSplitPartitionsAndProcessEveryEventOnce(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("pair");
    String topic = id + "-in";
    Map<String, Set<String>> byWorker = new ConcurrentHashMap<>();
    Map<String, Set<Integer>> partitionsByWorker = new ConcurrentHashMap<>();
    List<App> workers = new java.util.ArrayList<>();
    for (String worker : List.of("w1", "w2")) {
      App app = app(kafka, id);
      workers.add(app);
      Topic<String, String> in = app.topic(topic, String.class, String.class);
      byWorker.put(worker, ConcurrentHashMap.newKeySet());
      partitionsByWorker.put(worker, ConcurrentHashMap.newKeySet());
      app.agent(in, s -> {
        for (var e : s.events()) {
          byWorker.get(worker).add(e.value());
          partitionsByWorker.get(worker).add(e.partition());
        }
      });
      app.start();
    }
    AWAIT.until("both workers hold partitions", () -> workers.stream().allMatch(a ->
        !((dev.mephisto.core.internal.MephistoApp) a).conductor().orElseThrow().assignment().isEmpty()));
    kafka.client().produceStrings(topic, numbered(0, 2000));
    AWAIT.until("2000 events processed", () -> byWorker.values().stream().mapToInt(Set::size).sum() >= 2000);
    Set<String> union = new HashSet<>(byWorker.get("w1"));
    union.addAll(byWorker.get("w2"));
    assertEquals(2000, union.size());
    Set<String> both = new HashSet<>(byWorker.get("w1"));
    both.retainAll(byWorker.get("w2"));
    assertEquals(Set.of(), both, "no event may reach both workers without a failure");
    assertTrue(!byWorker.get("w1").isEmpty() && !byWorker.get("w2").isEmpty(),
        () -> "both workers should process events: " + partitionsByWorker);
    Set<Integer> overlap = new HashSet<>(partitionsByWorker.get("w1"));
    overlap.retainAll(partitionsByWorker.get("w2"));
    assertEquals(Set.of(), overlap);
  }

  @Test
  void restartResumesFromCommittedOffsetsWithoutSkipping(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("resume");
    String topic = id + "-in";
    Set<Integer> first = ConcurrentHashMap.newKeySet();
    App one = app(kafka, id);
    Topic<String, String> in1 = one.topic(topic, String.class, String.class);
    one.agent(in1, s -> {
      for (String v : s) {
        first.add(Integer.parseInt(v));
      }
    });
    one.start();
    kafka.client().produceStrings(topic, numbered(0, 1000));
    AWAIT.until("first worker processed 1000", () -> first.size() == 1000);
    one.stop();
    Map<TopicPartition, Long> committed = kafka.client().committedOffsets(id);
    assertEquals(1000L, committed.values().stream().mapToLong(Long::longValue).sum(),
        () -> "a graceful stop commits everything processed: " + committed);

    kafka.client().produceStrings(topic, numbered(1000, 1500));
    Set<Integer> second = ConcurrentHashMap.newKeySet();
    App two = app(kafka, id);
    Topic<String, String> in2 = two.topic(topic, String.class, String.class);
    two.agent(in2, s -> {
      for (String v : s) {
        second.add(Integer.parseInt(v));
      }
    });
    two.start();
    AWAIT.until("second worker processed the 500 new events", () -> second.size() >= 500);
    Set<Integer> all = new HashSet<>(first);
    all.addAll(second);
    assertEquals(1500, all.size(), "no event skipped");
    Set<Integer> again = new HashSet<>(first);
    again.retainAll(second);
    assertEquals(Set.of(), again, "nothing processed twice after a graceful stop");
    AWAIT.until("lag 0", () -> kafka.client().lag(id, topic) == 0);
  }

  @Test
  void leaderTimersRunOnOneWorkerOnly(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("timers");
    List<AtomicInteger> leaderRuns = List.of(new AtomicInteger(), new AtomicInteger());
    List<AtomicInteger> everyRuns = List.of(new AtomicInteger(), new AtomicInteger());
    for (int i = 0; i < 2; i++) {
      App app = app(kafka, id);
      Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
      app.agent(in, s -> s.forEach(v -> { }));
      AtomicInteger leader = leaderRuns.get(i);
      AtomicInteger every = everyRuns.get(i);
      app.timer(Duration.ofMillis(100), TaskOptions.onLeaderOnly(), leader::incrementAndGet);
      app.timer(Duration.ofMillis(100), every::incrementAndGet);
      app.start();
    }
    AWAIT.until("leader timer ran 20 times", () -> leaderRuns.get(0).get() + leaderRuns.get(1).get() >= 20);
    AWAIT.until("plain timers ran on both workers", () -> everyRuns.stream().allMatch(n -> n.get() >= 5));
    int a = leaderRuns.get(0).get();
    int b = leaderRuns.get(1).get();
    assertTrue((a == 0) != (b == 0), "exactly one worker runs leader timers: " + a + " and " + b);
  }
}
