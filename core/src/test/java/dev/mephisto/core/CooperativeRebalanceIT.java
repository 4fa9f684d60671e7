package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cooperative rebalancing against the real broker: a worker that joins and leaves takes and gives
 * back only the partitions that move; the partitions the first worker keeps are never revoked.
 */
@WithKafka
class CooperativeRebalanceIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  private static final int PARTITIONS = 8;
  @RegisterExtension final TestApps apps = new TestApps();

  /** One worker: what its agent processed, its table, and the poll loop's callbacks. */
  record Worker(App app, Table<String, Long> counts, Set<String> processed,
      List<Set<TopicPartition>> revoked, List<Set<TopicPartition>> assigned) {
    Set<TopicPartition> holds() {
      return ((MephistoApp) app).conductor().orElseThrow().assignment();
    }

    Set<TopicPartition> holdsOf(String topic) {
      Set<TopicPartition> s = new HashSet<>();
      holds().stream().filter(tp -> tp.topic().equals(topic)).forEach(s::add);
      return s;
    }

    Set<TopicPartition> everRevoked() {
      Set<TopicPartition> s = new HashSet<>();
      revoked.forEach(s::addAll);
      return s;
    }
  }

  private Worker worker(KafkaCluster kafka, String id, String topic) {
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(PARTITIONS)
        .commitInterval(Duration.ofMillis(200)));
    Topic<String, String> in = app.topic(topic, String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    Set<String> processed = ConcurrentHashMap.newKeySet();
    app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        counts.update(kv.key(), n -> n + 1);
        processed.add(kv.value());
      }
    });
    RecordedRebalances rebalances = RecordedRebalances.of(app);
    app.start();
    return new Worker(app, counts, processed, rebalances.revoked(), rebalances.assigned());
  }

  private static List<KeyValue<String, String>> events(int from, int to) {
    List<KeyValue<String, String>> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(KeyValue.of("k" + (i % 40), "e" + i));
    }
    return l;
  }

  private static Set<String> union(Worker a, Worker b) {
    Set<String> s = new HashSet<>(a.processed());
    s.addAll(b.processed());
    return s;
  }

  @Test
  void aJoiningAndLeavingWorkerRevokesOnlyThePartitionsThatMove(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("coop");
    String topic = id + "-in";
    Worker first = worker(kafka, id, topic);
    AWAIT.until("the first worker holds every partition",
        () -> first.holdsOf(topic).size() == PARTITIONS);
    kafka.client().produceStrings(topic, events(0, 2000));
    AWAIT.until("2000 events processed", () -> first.processed().size() >= 2000);
    assertEquals(List.of(), first.revoked(), "nothing revoked with one worker");

    Worker second = worker(kafka, id, topic);
    AWAIT.until("the partitions are split",
        () -> second.holdsOf(topic).size() == PARTITIONS / 2
            && first.holdsOf(topic).size() == PARTITIONS / 2);
    Set<TopicPartition> stayed = first.holdsOf(topic);
    Set<TopicPartition> moved = second.holdsOf(topic);
    Set<TopicPartition> revokedOnJoin = first.everRevoked();
    for (TopicPartition tp : stayed) {
      assertFalse(revokedOnJoin.contains(tp),
          () -> tp + " stayed with the first worker but was revoked: " + first.revoked());
    }
    assertEquals(moved, revokedOnJoin, "the first worker released exactly what moved");
    assertTrue(second.revoked().isEmpty(), "the joining worker lost nothing");
    kafka.client().produceStrings(topic, events(2000, 4000));
    AWAIT.until("4000 events processed", () -> union(first, second).size() >= 4000);

    int revokesBeforeLeave = first.revoked().size();
    second.app().stop();
    AWAIT.until("the first worker holds every partition again",
        () -> first.holdsOf(topic).size() == PARTITIONS);
    assertEquals(revokesBeforeLeave, first.revoked().size(),
        () -> "a leaving worker revokes nothing from the one that stays: " + first.revoked());
    kafka.client().produceStrings(topic, events(4000, 6000));
    AWAIT.until("6000 events processed", () -> union(first, second).size() >= 6000);
    Set<String> all = union(first, second);
    for (int i = 0; i < 6000; i++) {
      assertTrue(all.contains("e" + i), "e" + i + " processed at least once");
    }
    AWAIT.until("lag 0", () -> kafka.client().lag(id, topic) == 0);
    AWAIT.until("the table counted every event at least once",
        () -> first.counts().values().stream().mapToLong(Long::longValue).sum() >= 6000);
    for (Set<TopicPartition> r : first.revoked()) {
      assertFalse(r.isEmpty(), "no empty revocation");
      r.forEach(tp -> assertTrue(moved.contains(tp), () -> tp + " did not move"));
    }
  }
}
