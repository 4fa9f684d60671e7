package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.Agent;
import dev.mephisto.AgentTestContext;
import dev.mephisto.App;
import dev.mephisto.Channel;
import dev.mephisto.Event;
import dev.mephisto.KeyValue;
import dev.mephisto.MephistoException;
import dev.mephisto.OnError;
import dev.mephisto.Stream;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keys keep their declared types through every operator, repartitions and sinks. */
class TypedKeysTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();

  /** A value with a numeric field to group by. */
  record Order(String account, long customer, int amount) {}

  /** What a map makes of an order. */
  record Total(long customer, int cents) {}

  private App app(String id) {
    // json values: records cross the memory:// repartition topics as bytes
    return apps.track(App.builder(id).broker("memory://").web("127.0.0.1", 0)
        .environment(Map.of()).build());
  }

  @Test
  void groupByToAnotherKeyTypeDecodesKeysOfThatType() {
    App app = app("typed-groupby");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class).withPartitions(3);
    List<KeyValue<Long, Order>> seen = new CopyOnWriteArrayList<>();
    app.agent(orders, s -> {
      Stream<Long, Order> byCustomer = s.groupBy(Order::customer, Long.class, "customer");
      for (KeyValue<Long, Order> kv : byCustomer.items()) {
        Long customer = kv.key(); // a Long, decoded on the reading side
        assertEquals(kv.value().customer(), customer);
        seen.add(kv);
      }
    });
    app.start();
    for (int i = 0; i < 30; i++) {
      orders.send("order-" + i, new Order("acct" + (i % 3), 100L + i % 5, i));
    }
    AWAIT.until("30 orders regrouped by customer", () -> seen.size() == 30);
    assertTrue(seen.stream().allMatch(kv -> kv.key() instanceof Long), seen::toString);
  }

  @Test
  void groupByOfTheSameKeyTypeKeepsTheShortForm() {
    App app = app("typed-groupby-same");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class).withPartitions(3);
    List<Event<String, Order>> seen = new CopyOnWriteArrayList<>();
    app.agent(orders, s -> {
      for (Event<String, Order> e : s.groupBy(Order::account, "account").events()) {
        seen.add(e);
      }
    });
    app.start();
    for (int i = 0; i < 12; i++) {
      orders.send("order-" + i, new Order("acct" + (i % 4), i, i));
    }
    AWAIT.until("12 events", () -> seen.size() == 12);
    for (Event<String, Order> e : seen) {
      assertEquals(e.value().account(), e.key());
      assertEquals("typed-groupby-same-orders-agent-account-repartition", e.topic());
    }
  }

  @Test
  void groupByAfterMapNeedsTheValueType() {
    App app = app("typed-groupby-map");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Agent<String, Order> agent = app.agent(orders).name("totals").onError(OnError.SKIP)
        .start(s -> {
          try {
            s.map(o -> new Total(o.customer(), o.amount())).groupBy(Total::customer, Long.class,
                "customer");
          } catch (RuntimeException e) {
            failures.add(e);
            throw e;
          }
        });
    try (AgentTestContext<String, Order> ctx = agent.testContext()) {
      AWAIT.until("the body failed", () -> !failures.isEmpty());
      assertTrue(ctx.results().isEmpty(), "nothing was grouped");
    }
    String m = failures.get(0).getMessage();
    assertTrue(m.contains("groupBy 'customer' of agent 'totals'") && m.contains("withValueType"),
        m);
  }

  @Test
  void mappedValuesRepartitionOnceTheirTypeIsDeclared() {
    App app = app("typed-groupby-typed");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class).withPartitions(2);
    List<KeyValue<Long, Total>> seen = new CopyOnWriteArrayList<>();
    app.agent(orders, s -> {
      Stream<Long, Total> totals = s.map(o -> new Total(o.customer(), o.amount() * 100))
          .withValueType(Total.class)
          .groupBy(Total::customer, Long.class, "customer");
      for (KeyValue<Long, Total> kv : totals.items()) {
        seen.add(kv);
      }
    });
    app.start();
    orders.send("o1", new Order("a", 7L, 3));
    orders.send("o2", new Order("b", 8L, 4));
    AWAIT.until("2 totals", () -> seen.size() == 2);
    assertTrue(seen.contains(KeyValue.of(7L, new Total(7L, 300))), seen::toString);
    assertTrue(seen.contains(KeyValue.of(8L, new Total(8L, 400))), seen::toString);
  }

  @Test
  void aValueOfAnotherClassThanDeclaredFailsByTheAgentsPolicy() {
    App app = app("typed-withvaluetype-wrong");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
    @SuppressWarnings({"unchecked", "rawtypes"}) // deliberately lie about the class, as raw code can
    Class<Object> lie = (Class) Total.class;
    Agent<String, Order> agent = app.agent(orders).name("liar")
        .process(s -> s.<Object>map(o -> o.account()).withValueType(lie));
    try (AgentTestContext<String, Order> ctx = agent.testContext()) {
      MephistoException e = assertThrows(MephistoException.class,
          () -> ctx.put("k", new Order("ann", 1, 1)));
      assertTrue(e.getMessage().contains("declared its stream's values as "
          + Total.class.getName()), e::getMessage);
    }
  }

  @Test
  void testContextsRegroupInMemoryWithTheNewKey() {
    App app = app("typed-testctx");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
    List<KeyValue<Long, Integer>> seen = new CopyOnWriteArrayList<>();
    Agent<String, Order> agent = app.agent(orders, s -> {
      for (KeyValue<Long, Order> kv : s.groupBy(Order::customer, Long.class, "c").items()) {
        seen.add(KeyValue.of(kv.key(), kv.value().amount()));
      }
    });
    try (AgentTestContext<String, Order> ctx = agent.testContext()) {
      Event<String, Order> e = ctx.put("order-1", new Order("ann", 42L, 5));
      assertEquals("order-1", e.key());
      // put returns once the regrouped value was processed, not only forwarded
      assertEquals(List.of(KeyValue.of(42L, 5)), seen);
      ctx.put("order-2", new Order("bob", 43L, 6));
      assertEquals(List.of(KeyValue.of(42L, 5), KeyValue.of(43L, 6)), seen);
    }
  }

  @Test
  void resultsKeepTheKeyOfTheirEventAndKeyValueResultsSetTheirOwn() {
    App app = app("typed-results");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
    Topic<String, Integer> amounts = app.topic("amounts", String.class, Integer.class);
    Topic<Long, Integer> byCustomer = app.topic("by-customer", Long.class, Integer.class);
    List<KeyValue<String, Integer>> kept = new CopyOnWriteArrayList<>();
    List<KeyValue<Long, Integer>> rekeyed = new CopyOnWriteArrayList<>();
    app.agent(orders).name("amounts").sink(amounts).process(s -> s.map(Order::amount));
    app.agent(orders).name("rekey").sink(byCustomer)
        .process(s -> s.map(o -> KeyValue.of(o.customer(), o.amount())));
    app.agent(amounts, s -> s.items().forEach(kept::add));
    app.agent(byCustomer, s -> s.items().forEach(rekeyed::add));
    app.start();
    orders.send("order-1", new Order("ann", 7L, 3));
    AWAIT.until("both results read back", () -> kept.size() == 1 && rekeyed.size() == 1);
    assertEquals(KeyValue.of("order-1", 3), kept.get(0));
    assertEquals(KeyValue.of(7L, 3), rekeyed.get(0));
  }

  @Test
  void aResultKeyTheSinkDoesNotTakeFailsByTheAgentsPolicy() {
    App app = app("typed-sink-key");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
    Topic<Long, Integer> byCustomer = app.topic("by-customer", Long.class, Integer.class);
    Agent<String, Order> agent = app.agent(orders).name("wrong-key").sink(byCustomer)
        .process(s -> s.map(Order::amount)); // keeps the String key: not for a Long-keyed sink
    try (AgentTestContext<String, Order> ctx = agent.testContext()) {
      MephistoException e = assertThrows(MephistoException.class,
          () -> ctx.put("order-1", new Order("ann", 7L, 3)));
      assertTrue(e.getMessage().contains("yielded a key of class java.lang.String but sink topic "
          + "'by-customer' takes java.lang.Long"), e::getMessage);
    }
  }

  @Test
  void callbackSinksAreTypedAndChecked() {
    App app = app("typed-callback");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
    List<Integer> amounts = new CopyOnWriteArrayList<>();
    Agent<String, Order> good = app.agent(orders).name("good")
        .sink(Integer.class, amounts::add).process(s -> s.map(Order::amount));
    Agent<String, Order> bad = app.agent(orders).name("bad")
        .sink(Integer.class, amounts::add).process(s -> s.map(Order::account));
    try (AgentTestContext<String, Order> ctx = good.testContext()) {
      ctx.put("k", new Order("ann", 1, 5));
    }
    assertEquals(List.of(5), amounts);
    try (AgentTestContext<String, Order> ctx = bad.testContext()) {
      MephistoException e = assertThrows(MephistoException.class,
          () -> ctx.put("k", new Order("ann", 1, 5)));
      assertTrue(e.getMessage().contains("yielded a result of class java.lang.String but its sink "
          + "callback takes java.lang.Integer"), e::getMessage);
    }
  }

  @Test
  void primitiveClassTokensAreTheirBoxes() {
    App app = app("typed-primitive");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
    Topic<String, Integer> amounts = app.topic("amounts", String.class, int.class);
    List<Integer> called = new CopyOnWriteArrayList<>();
    Agent<String, Order> agent = app.agent(orders).name("amounts").sink(amounts)
        .sink(int.class, called::add)
        .process(s -> s.map(Order::amount).withValueType(int.class));
    try (AgentTestContext<String, Order> ctx = agent.testContext()) {
      ctx.put("k", new Order("ann", 1, 5));
      assertEquals(List.of(5), ctx.results());
      assertEquals(List.of(5), called);
      assertEquals("amounts", ctx.sent().get(0).topic());
    }
  }

  @Test
  void throughAndEchoReencodeKeysForTopicsWithAnotherKeyCodec() {
    App app = app("typed-through");
    Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
    // json keys here ("\"order-1\""), raw in 'orders': the key bytes must be encoded again
    Topic<String, Order> middle = app.topic("middle", String.class, Order.class)
        .withKeyCodec("json");
    Topic<String, Order> copies = app.topic("copies", String.class, Order.class)
        .withKeyCodec("json");
    List<KeyValue<String, Order>> through = new CopyOnWriteArrayList<>();
    List<KeyValue<String, Order>> echoed = new CopyOnWriteArrayList<>();
    app.agent(orders, s -> s.echo(copies).through(middle).items().forEach(through::add));
    app.agent(copies, s -> s.items().forEach(echoed::add));
    app.start();
    Order o = new Order("ann", 1, 2);
    orders.send("order-1", o);
    AWAIT.until("read back from both", () -> through.size() == 1 && echoed.size() == 1);
    assertEquals(KeyValue.of("order-1", o), through.get(0));
    assertEquals(KeyValue.of("order-1", o), echoed.get(0));
  }

  @Test
  void channelsCarryTypedKeys() {
    App app = app("typed-channel");
    Channel<String, Integer> channel = app.channel(String.class, Integer.class);
    List<KeyValue<String, Integer>> seen = new CopyOnWriteArrayList<>();
    app.agent(channel, s -> s.items().forEach(seen::add));
    app.start();
    channel.send("ann", 1);
    channel.send(2);
    AWAIT.until("2 items", () -> seen.size() == 2);
    assertEquals(List.of(KeyValue.of("ann", 1), KeyValue.of(null, 2)), seen);
  }
}
