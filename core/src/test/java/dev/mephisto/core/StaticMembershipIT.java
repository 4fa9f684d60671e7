package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.WorkerListener;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Static membership ({@code groupInstanceId}) against the real broker. */
@WithKafka
class StaticMembershipIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  private static final int PARTITIONS = 4;
  @RegisterExtension final TestApps apps = new TestApps();

  record Worker(App app, Table<String, Long> counts, Set<String> processed,
      List<String> calls) {
    Set<TopicPartition> holdsOf(String topic) {
      Set<TopicPartition> s = new HashSet<>();
      ((MephistoApp) app).conductor().orElseThrow().assignment().stream()
          .filter(tp -> tp.topic().equals(topic)).forEach(s::add);
      return s;
    }
  }

  private Worker worker(KafkaCluster kafka, String id, String topic, String instance,
      Set<String> processed) {
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(PARTITIONS)
        .commitInterval(Duration.ofMillis(200))
        .groupInstanceId(instance)
        .kafka("session.timeout.ms", "45000"));
    Topic<String, String> in = app.topic(topic, String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        counts.update(kv.key(), n -> n + 1);
        processed.add(kv.value());
      }
    });
    List<String> calls = new CopyOnWriteArrayList<>();
    ((MephistoApp) app).workerListener(new WorkerListener() {
      @Override
      public void onAssigned(Collection<TopicPartition> partitions) {
        calls.add("assigned " + partitions);
      }

      @Override
      public void onRevoked(Collection<TopicPartition> partitions) {
        calls.add("revoked " + partitions);
      }
    });
    app.start();
    return new Worker(app, counts, processed, calls);
  }

  private static List<KeyValue<String, String>> events(int from, int to) {
    List<KeyValue<String, String>> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(KeyValue.of("k" + (i % 20), "e" + i));
    }
    return l;
  }

  @Test
  void aWorkerRestartedWithinTheSessionTimeoutGetsItsPartitionsBackAndNothingElseMoves(
      KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("static");
    String topic = id + "-in";
    Set<String> processed = ConcurrentHashMap.newKeySet();
    Worker a = worker(kafka, id, topic, "a", processed);
    Worker b = worker(kafka, id, topic, "b", processed);
    AWAIT.until("both workers hold partitions", () -> a.holdsOf(topic).size() == PARTITIONS / 2
        && b.holdsOf(topic).size() == PARTITIONS / 2);
    kafka.client().produceStrings(topic, events(0, 1000));
    AWAIT.until("1000 events processed", () -> processed.size() >= 1000);
    Set<TopicPartition> bHeld = b.holdsOf(topic);
    List<String> aCallsBefore = List.copyOf(a.calls());

    b.app().stop(); // a static member stays in the group when it stops
    kafka.client().produceStrings(topic, events(1000, 2000));
    Worker b2 = worker(kafka, id, topic, "b", processed);
    AWAIT.until("the restarted worker holds partitions", () -> !b2.holdsOf(topic).isEmpty());
    assertEquals(bHeld, b2.holdsOf(topic), "the restarted worker gets the same partitions back");
    AWAIT.until("2000 events processed", () -> processed.size() >= 2000);
    for (int i = 0; i < 2000; i++) {
      assertTrue(processed.contains("e" + i), "e" + i + " processed");
    }
    assertEquals(aCallsBefore, a.calls(),
        "the other worker saw no rebalance at all (no assignment, no revocation)");
    AWAIT.until("the restarted worker's table partitions are active and counted",
        () -> b2.counts().values().stream().mapToLong(Long::longValue).sum() > 0);
    AWAIT.until("lag 0", () -> kafka.client().lag(id, topic) == 0);
  }

  @Test
  void aGroupInstanceIdPassedAsKafkaPropertyGoesToTheMainConsumerOnly(KafkaCluster kafka)
      throws Exception {
    String id = KafkaTestClient.uniqueName("static-pass");
    String topic = id + "-in";
    Set<String> processed = ConcurrentHashMap.newKeySet();
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(2)
        .commitInterval(Duration.ofMillis(200))
        .kafka("group.instance.id", "pod-0"));
    Topic<String, String> in = app.topic(topic, String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        counts.update(kv.key(), n -> n + 1);
        processed.add(kv.value());
      }
    });
    app.start();
    kafka.client().produceStrings(topic, events(0, 200));
    AWAIT.until("200 events processed (restore and standby consumers are not fenced)",
        () -> processed.size() == 200);
    var group = kafka.client().admin().describeConsumerGroups(List.of(id)).all().get().get(id);
    List<String> instances = group.members().stream()
        .map(m -> m.groupInstanceId().orElse("(dynamic)")).toList();
    assertEquals(List.of("pod-0"), instances, "one member, the main consumer, with the static id");
  }
}
