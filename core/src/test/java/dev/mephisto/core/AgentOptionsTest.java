package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.Agent;
import dev.mephisto.App;
import dev.mephisto.TaskOptions;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Agent options and the remaining stream operators on memory://. */
class AgentOptionsTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();

  private App app(String id) {
    return apps.memory(id);
  }

  @Test
  void concurrentInstancesKeepEachPartitionInOrder() {
    App app = app("conc");
    Topic<String, String> in = app.topic("in", String.class, String.class).withPartitions(6);
    Map<Integer, List<Integer>> byPartition = new ConcurrentHashMap<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    app.agent(in).concurrency(3).start(s -> {
      for (var e : s.events()) {
        threads.add(Thread.currentThread().getName());
        byPartition.computeIfAbsent(e.partition(), p -> new CopyOnWriteArrayList<>())
            .add(Integer.parseInt(e.value().split(":")[1]));
      }
    });
    app.start();
    for (int i = 0; i < 600; i++) {
      in.send("key" + (i % 12), (i % 12) + ":" + i);
    }
    AWAIT.until("600 events", () -> byPartition.values().stream().mapToInt(List::size).sum() == 600);
    assertEquals(3, threads.size(), () -> "instances " + threads);
    byPartition.forEach((p, values) -> {
      List<Integer> sorted = new ArrayList<>(values);
      sorted.sort(null);
      assertEquals(sorted, values, "partition " + p + " out of order");
    });
  }

  @Test
  void resultsGoToAgentAndCallbackSinks() {
    App app = app("sinks");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Topic<String, String> audit = app.topic("audit", String.class, String.class);
    List<String> viaAgent = new CopyOnWriteArrayList<>();
    List<String> viaCallback = new CopyOnWriteArrayList<>();
    Agent<String, String> auditor = app.agent(audit, s -> s.forEach(viaAgent::add));
    app.agent(in).name("shout").sink(auditor).sink(String.class, viaCallback::add).process(s -> s.map(v -> v + "!"));
    app.start();
    in.send("k", "hi");
    in.send("k", "yo");
    AWAIT.until("both sinks got 2 results", () -> viaAgent.size() == 2 && viaCallback.size() == 2);
    assertEquals(List.of("hi!", "yo!"), viaAgent);
    assertEquals(List.of("hi!", "yo!"), viaCallback);
  }

  @Test
  void throughMovesValuesToAnotherTopicAndContinuesFromThere() {
    App app = app("through");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Topic<String, String> middle = app.topic("middle", String.class, String.class).withPartitions(2);
    List<String> seen = new CopyOnWriteArrayList<>();
    app.agent(in, s -> {
      for (var e : s.map(String::toUpperCase).through(middle).events()) {
        seen.add(e.topic() + "/" + e.value());
      }
    });
    app.start();
    in.send("k1", "a");
    in.send("k2", "b");
    AWAIT.until("2 values read back from 'middle'", () -> seen.size() == 2);
    assertTrue(seen.containsAll(List.of("middle/A", "middle/B")), seen::toString);
  }

  @Test
  void echoCopiesEveryValueToOtherTopics() {
    App app = app("echo");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Topic<String, String> copy = app.topic("copy", String.class, String.class);
    List<String> copied = new CopyOnWriteArrayList<>();
    app.agent(copy, s -> s.forEach(copied::add));
    app.agent(in, s -> s.echo(copy).forEach(v -> { }));
    app.start();
    in.send("k", "x");
    in.send("k", "y");
    AWAIT.until("2 copies", () -> copied.size() == 2);
    assertEquals(List.of("x", "y"), copied);
  }

  @Test
  void startupTasksRunOnce() {
    App app = app("tasks");
    AtomicInteger everyWorker = new AtomicInteger();
    AtomicInteger onLeader = new AtomicInteger();
    app.task(TaskOptions.everyWorker(), everyWorker::incrementAndGet);
    app.task(TaskOptions.onLeaderOnly(), onLeader::incrementAndGet);
    app.start();
    AWAIT.until("both tasks ran", () -> everyWorker.get() == 1 && onLeader.get() == 1);
  }
}
