package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.Agent;
import dev.mephisto.AgentTestContext;
import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Indexed;
import dev.mephisto.MephistoException;
import dev.mephisto.Topic;
import dev.mephisto.stream.StreamOperators;
import dev.mephisto.testkit.TestApps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operators through test contexts on memory://, and the two shipped plug-in operators. */
class StreamOperatorsTest {
  @RegisterExtension final TestApps apps = new TestApps();

  private App app() {
    return apps.memory("ops");
  }

  @Test
  void shippedOperatorsAreFoundThroughServiceLoader() {
    assertTrue(StreamOperators.create(List.of()).names().containsAll(List.of("dedupe", "throttle")));
  }

  @Test
  void dedupeDropsRepeatedKeysWithinTheWindow() {
    App app = app();
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Agent<String, String> agent = app.agent(in).process(s -> s.apply("dedupe", Map.of("within", "1m")));
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      ctx.put("order-1", "first");
      ctx.put("order-1", "again");
      ctx.put("order-2", "other");
      ctx.put("order-1", "third");
      assertEquals(List.of("first", "other"), ctx.results());
    }
  }

  @Test
  void dedupeByValue() {
    App app = app();
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Agent<String, String> agent = app.agent(in).process(s -> s.apply("dedupe", Map.of("by", "value")));
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      for (String v : List.of("a", "b", "a", "c", "b")) {
        ctx.put(v);
      }
      assertEquals(List.of("a", "b", "c"), ctx.results());
    }
  }

  @Test
  void throttleLimitsTheRate() {
    App app = app();
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Agent<String, String> agent = app.agent(in).process(s -> s.apply("throttle", Map.of("perSecond", 20, "burst", 1)));
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 11; i++) {
        ctx.put("v" + i);
      }
      long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(11, ctx.results().size());
      // 11 values at 20/s with a burst of 1 need at least 10 intervals of 50 ms
      assertTrue(elapsedMs >= 450, "took only " + elapsedMs + " ms");
    }
  }

  @Test
  void unknownOperatorOptionsAndNamesFailClearly() {
    App app = app();
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Agent<String, String> bad = app.agent(in).name("bad").process(s -> s.apply("dedupe", Map.of("whithin", "1m")));
    try (AgentTestContext<String, String> ctx = bad.testContext()) {
      MephistoException e = assertThrows(MephistoException.class, () -> ctx.put("x"));
      assertTrue(e.getCause() instanceof ConfigurationException, () -> "cause " + e.getCause());
      assertTrue(e.getMessage().contains("Operator 'dedupe' has no option 'whithin'"), e::getMessage);
    }
    Agent<String, String> unknown = app.agent(in).name("unknown").process(s -> s.apply("dedup", Map.of()));
    try (AgentTestContext<String, String> ctx = unknown.testContext()) {
      MephistoException e = assertThrows(MephistoException.class, () -> ctx.put("x"));
      assertTrue(e.getMessage().contains("Unknown stream operator 'dedup'"), e::getMessage);
      assertTrue(e.getMessage().contains("did you mean 'dedupe'?"), e::getMessage);
    }
  }

  @Test
  void flatMapEnumerateAndPeek() {
    App app = app();
    Topic<String, String> in = app.topic("in", String.class, String.class);
    List<String> peeked = new ArrayList<>();
    Agent<String, String> agent = app.agent(in).process(s -> s.flatMap(v -> List.of(v.split(",")))
        .peek(peeked::add).enumerate());
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      ctx.put("a,b");
      ctx.put("c");
      assertEquals(List.of(new Indexed<>(0, "a"), new Indexed<>(1, "b"), new Indexed<>(2, "c")),
          ctx.results());
      assertEquals(List.of("a", "b", "c"), peeked);
    }
  }
}
