package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.Agent;
import dev.mephisto.AgentTestContext;
import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.KeyValue;
import dev.mephisto.MephistoException;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemoryRuntimeTest {
  @RegisterExtension final TestApps apps = new TestApps();

  private App app(String id) {
    return apps.memory(id);
  }

  @Test
  void agentResultsReachSinkTopicAndNextAgent() {
    App app = app("mem-pipe");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Topic<String, String> out = app.topic("out", String.class, String.class);
    app.agent(in).name("upper").sink(out).process(s -> s.map(String::toUpperCase));
    List<String> seen = new CopyOnWriteArrayList<>();
    app.agent(out, s -> {
      for (String v : s) {
        seen.add(v);
      }
    });
    app.start();
    for (int i = 0; i < 100; i++) {
      in.send("k" + i, "v" + i);
    }
    Await.atMost(Duration.ofSeconds(20)).until("100 values in 'out'", () -> seen.size() == 100);
    assertTrue(seen.contains("V42"), () -> "expected upper-cased values but got " + seen);
  }

  @Test
  void itemsCarryTheKeyOfEachEvent() {
    App app = app("mem-items");
    Topic<String, String> in = app.topic("in", String.class, String.class).withPartitions(3);
    List<KeyValue<String, String>> seen = new CopyOnWriteArrayList<>();
    app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        seen.add(kv);
      }
    });
    app.start();
    in.send("ann", "1");
    in.send("bob", "2");
    Await.atMost(Duration.ofSeconds(10)).until("2 items", () -> seen.size() == 2);
    assertTrue(seen.contains(KeyValue.of("ann", "1")) && seen.contains(KeyValue.of("bob", "2")),
        () -> "got " + seen);
  }

  @Test
  void channelAgentsReceiveObjects() {
    App app = app("mem-channel");
    var channel = app.channel(Integer.class);
    List<Integer> seen = new CopyOnWriteArrayList<>();
    app.agent(channel, s -> {
      for (Integer v : s.filter(x -> x % 2 == 0)) {
        seen.add(v);
      }
    });
    app.start();
    for (int i = 0; i < 10; i++) {
      channel.send(i);
    }
    Await.atMost(Duration.ofSeconds(10)).until("5 even values", () -> seen.size() == 5);
    assertEquals(List.of(0, 2, 4, 6, 8), seen);
  }

  @Test
  void testContextCollectsResultsAndSentMessages() {
    App app = app("mem-ctx");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Topic<String, String> audit = app.topic("audit", String.class, String.class);
    Agent<String, String> agent = app.agent(in).name("doubler").process(s -> s.map(v -> {
      audit.send("seen", v);
      return v + v;
    }));
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      ctx.put("a");
      ctx.put("b");
      assertEquals(List.of("aa", "bb"), ctx.results());
      assertEquals(List.of("a", "b"), ctx.sent().stream().map(e -> e.value()).toList());
      assertEquals("audit", ctx.sent().get(0).topic());
    }
  }

  @Test
  void testContextRaisesTheAgentsException() {
    App app = app("mem-ctx-fail");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Agent<String, String> agent = app.agent(in, s -> {
      for (String v : s) {
        if (v.equals("boom")) {
          throw new IllegalStateException("cannot handle " + v);
        }
      }
    });
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      ctx.put("fine");
      MephistoException e = assertThrows(MephistoException.class, () -> ctx.put("boom"));
      assertTrue(e.getMessage().contains("cannot handle boom"), e::getMessage);
      ctx.put("fine again");
    }
  }

  @Test
  void declaringAfterStartFails() {
    App app = app("mem-late");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.start();
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> app.agent(in, s -> { }));
    assertTrue(e.getMessage().contains("after the app 'mem-late' started"), e::getMessage);
  }

  @Test
  void askGetsTheAgentsResultAsReply() throws Exception {
    App app = app("mem-ask");
    Topic<String, String> in = app.topic("questions", String.class, String.class);
    Agent<String, String> agent = app.agent(in).name("answerer").process(s -> s.map(q -> "answer to " + q));
    app.start();
    String reply = agent.ask("life", String.class, Duration.ofSeconds(10)).get();
    assertEquals("answer to life", reply);
  }
}
