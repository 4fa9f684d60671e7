package dev.mephisto.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.App;
import dev.mephisto.TaskOptions;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Timers start once the worker has its first assignment and restored its tables (as Faust starts
 * them after recovery), and a leader-only timer moves to the new leader with the next assignment.
 */
@WithKafka
class TimersIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  @RegisterExtension final TestApps apps = new TestApps();

  @Test
  void aTimersFirstRunSeesTheTablesOfTheFirstAssignmentRestored(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("timer-restore");
    kafka.client().createTopic(id + "-in", 1);
    String changelog = id + "-counts-changelog";
    kafka.client().createTopic(changelog, 1);
    int n = 30_000;
    List<ProducerRecord<byte[], byte[]>> log = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      log.add(new ProducerRecord<>(changelog, 0, "\"k\"".getBytes(UTF_8),
          Integer.toString(i).getBytes(UTF_8)));
    }
    kafka.client().send(log);

    App app = apps.kafka(kafka, id);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(in, s -> s.forEach(v -> counts.update(v, c -> c + 1)));
    List<Optional<Long>> seen = new CopyOnWriteArrayList<>();
    app.timer(Duration.ofMillis(20), () -> seen.add(counts.get("k")));
    app.start();
    AWAIT.until("the timer ran", () -> !seen.isEmpty());
    assertEquals(Optional.of((long) n), seen.get(0),
        "the first run already sees the whole changelog restored");
  }

  @Test
  void aLeaderTimerMovesToTheNewLeaderWithTheNextAssignment(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("timer-leader");
    List<AtomicInteger> runs = List.of(new AtomicInteger(), new AtomicInteger());
    List<App> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      App app = apps.kafka(kafka, id);
      Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
      app.agent(in, s -> s.forEach(v -> { }));
      app.timer(Duration.ofMillis(50), TaskOptions.onLeaderOnly(), runs.get(i)::incrementAndGet);
      workers.add(app);
    }
    workers.get(0).start();
    AWAIT.until("the first worker, the leader, runs the timer", () -> runs.get(0).get() >= 3);
    workers.get(1).start();
    AWAIT.until("the second worker joined",
        () -> ((dev.mephisto.core.internal.MephistoApp) workers.get(1)).conductor()
            .map(c -> c.settled()).orElse(false));
    assertEquals(0, runs.get(1).get(), "one leader at a time");
    workers.get(0).stop();
    AWAIT.until("the second worker, now the leader, runs the timer", () -> runs.get(1).get() >= 3);
  }
}
