package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Warm-up replicas (KIP-441) on the real broker: a joining worker takes a table partition over only
 * once its copy caught up; until then the old holder keeps it active, and probing rebalances look
 * again at the interval.
 */
@WithKafka
class WarmupReplicasIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  @RegisterExtension final TestApps apps = new TestApps();

  record Worker(App app, Table<String, Long> counts, List<Set<TopicPartition>> assigned,
      List<Set<TopicPartition>> revoked) {
    Set<TopicPartition> holdsOf(String topic) {
      Set<TopicPartition> s = new HashSet<>();
      ((MephistoApp) app).conductor().orElseThrow().assignment().stream()
          .filter(tp -> tp.topic().equals(topic)).forEach(s::add);
      return s;
    }

    long total() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    Set<?> warmingUp() {
      return ((MephistoApp) app).services().cluster().view().warmupUnits();
    }
  }

  private Worker worker(KafkaCluster kafka, String id, RestoreOffPollThreadIT.GatedStoreProvider s) {
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(4)
        .commitInterval(Duration.ofMillis(200))
        .store("gated://").storeProvider(s)
        .tableCacheMaxBytes(0)
        .tableStandbyReplicas(0) // the only copies the new worker builds are warm-ups
        .acceptableRecoveryLag(50)
        .maxWarmupReplicas(2)
        .probingRebalanceInterval(Duration.ofSeconds(1)));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(in, st -> {
      for (KeyValue<String, String> kv : st.items()) {
        counts.update(kv.key(), n -> n + 1);
      }
    });
    RecordedRebalances rebalances = RecordedRebalances.of(app);
    app.start();
    return new Worker(app, counts, rebalances.assigned(), rebalances.revoked());
  }

  private static List<KeyValue<String, String>> events(int from, int to) {
    List<KeyValue<String, String>> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(KeyValue.of("k" + (i % 50), "e" + i));
    }
    return l;
  }

  @Test
  void aJoiningWorkerTakesTablePartitionsOverOnlyOnceItsWarmUpCopiesCaughtUp(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("warmup");
    String topic = id + "-in";
    Worker first = worker(kafka, id, new RestoreOffPollThreadIT.GatedStoreProvider());
    kafka.client().produceStrings(topic, events(0, 4000));
    AWAIT.until("4000 counted", () -> first.total() == 4000);

    RestoreOffPollThreadIT.GatedStoreProvider held = new RestoreOffPollThreadIT.GatedStoreProvider();
    CountDownLatch gate = new CountDownLatch(1);
    held.gate = gate; // the new worker's copies cannot catch up until the gate opens
    Worker second = worker(kafka, id, held);
    AWAIT.until("the new worker warms up two copies", () -> second.warmingUp().size() == 2);
    int rebalancesAtJoin = first.assigned().size();
    AWAIT.until("two probing rebalances while the copies are behind",
        () -> first.assigned().size() >= rebalancesAtJoin + 2);
    assertEquals(List.of(), first.revoked(), "nothing moves while the copies are behind");
    assertEquals(4, first.holdsOf(topic).size(), "the old holder keeps every partition active");
    assertEquals(Set.of(), second.holdsOf(topic));
    kafka.client().produceStrings(topic, events(4000, 5000));
    AWAIT.until("the old holder keeps processing", () -> first.total() == 5000);

    gate.countDown();
    AWAIT.until("the caught-up partitions moved", () -> second.holdsOf(topic).size() == 2);
    Set<TopicPartition> moved = second.holdsOf(topic);
    Set<TopicPartition> revoked = new HashSet<>();
    first.revoked().forEach(revoked::addAll);
    assertEquals(moved, revoked, "the old holder released exactly what moved");
    kafka.client().produceStrings(topic, events(5000, 6000));
    AWAIT.until("every event counted", () -> first.total() + second.total() >= 6000);
    assertTrue(first.total() + second.total() >= 6000);
  }
}
