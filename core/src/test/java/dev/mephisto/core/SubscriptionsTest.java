package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.Agent;
import dev.mephisto.AgentTestContext;
import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Event;
import dev.mephisto.Topic;
import dev.mephisto.TopicPattern;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Agents over several topics and topic patterns, without a broker. */
class SubscriptionsTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();

  @Test
  void sendsToAnAgentOverSeveralTopicsGoToTheFirst() throws Exception {
    App app = apps.memory("subs-send");
    Topic<String, String> a = app.topic("a", String.class, String.class);
    Topic<String, String> b = app.topic("b", String.class, String.class);
    List<Event<String, String>> seen = new CopyOnWriteArrayList<>();
    Agent<String, String> agent = app.agent(List.of(a, b), s -> s.events().forEach(seen::add));
    app.start();
    assertEquals("a", agent.send("k", "v").get().topic());
    b.send("k", "w");
    AWAIT.until("both", () -> seen.size() == 2);
    assertEquals(List.of("a", "b"), seen.stream().map(Event::topic).sorted().toList());
  }

  @Test
  void aPatternMatchesTopicsDeclaredByTheAppButNotItsOwnInternalOnes() {
    App app = apps.memory("subs-pattern");
    Topic<String, String> eu = app.topic("orders-eu", String.class, String.class);
    app.topic("payments", String.class, String.class);
    TopicPattern<String, String> orders =
        app.topicPattern(Pattern.compile("orders-.*|subs-pattern-.*"), String.class, String.class);
    List<Event<String, String>> seen = new CopyOnWriteArrayList<>();
    Agent<String, String> agent = app.agent(orders).name("orders").start(s -> {
      for (Event<String, String> e : s.groupBy(v -> v, "by-value").events()) {
        seen.add(e);
      }
    });
    app.start();
    eu.send("k", "v1");
    AWAIT.until("the event, after groupBy", () -> seen.size() == 1);
    // its repartition topic, leader topic and dead-letter topics match the expression, unread
    var runtime = ((dev.mephisto.core.internal.MephistoApp) app).agents().get(0);
    assertEquals(List.of("orders-eu", "subs-pattern-orders-by-value-repartition"),
        List.copyOf(runtime.topics()));
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> agent.send("k", "v").get());
    assertTrue(e.getCause().getMessage().contains("has no topic to send to"),
        e.getCause()::getMessage);
    assertTrue(agent.channel().isEmpty());
  }

  @Test
  void aMatchingTopicWhoseDeadLetterTopicWouldBeIllegalIsNotRead() {
    App app = apps.memory("subs-long");
    Topic<String, String> eu = app.topic("orders-eu", String.class, String.class);
    String longest = "orders-" + "x".repeat(242); // 249 characters: '<topic>.dlq' has 253
    app.topic(longest, String.class, String.class);
    List<String> seen = new CopyOnWriteArrayList<>();
    app.agent(app.topicPattern(Pattern.compile("orders-.*"), String.class, String.class))
        .name("orders").start(s -> s.forEach(seen::add));
    app.start();
    eu.send("k", "v");
    AWAIT.until("the readable topic's value", () -> seen.size() == 1);
    var runtime = ((dev.mephisto.core.internal.MephistoApp) app).agents().get(0);
    assertEquals(List.of("orders-eu"), List.copyOf(runtime.topics()),
        "its failing records would have no dead-letter topic to go to");
  }

  @Test
  void testContextsOfAnAgentOverSeveralTopicsWork() {
    App app = apps.memory("subs-ctx");
    Topic<String, String> a = app.topic("a", String.class, String.class);
    Topic<String, String> b = app.topic("b", String.class, String.class);
    Agent<String, String> agent = app.agent(List.of(a, b)).process(s -> s.map(String::length));
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      ctx.put("k", "four");
      assertEquals(List.of(4), ctx.results());
    }
  }

  @Test
  void badTopicListsFailWhenDeclared() {
    App app = apps.memory("subs-bad");
    Topic<String, String> a = app.topic("a", String.class, String.class);
    ConfigurationException empty = assertThrows(ConfigurationException.class,
        () -> app.agent(List.<Topic<String, String>>of()));
    assertTrue(empty.getMessage().contains("was given none"), empty::getMessage);
    ConfigurationException twice = assertThrows(ConfigurationException.class,
        () -> app.agent(List.of(a, a)));
    assertTrue(twice.getMessage().contains("Topic 'a' is given twice in [a, a]"),
        twice::getMessage);
    ConfigurationException refresh = assertThrows(ConfigurationException.class,
        () -> app.topicPattern(Pattern.compile("x"), String.class, String.class)
            .withRefreshInterval(Duration.ZERO));
    assertTrue(refresh.getMessage().contains("refresh interval was 'PT0S'"),
        refresh::getMessage);
  }
}
