package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.Agent;
import dev.mephisto.AgentTestContext;
import dev.mephisto.App;
import dev.mephisto.Event;
import dev.mephisto.JoinWindow;
import dev.mephisto.KeyValue;
import dev.mephisto.Stream;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.Window;
import dev.mephisto.WindowedTable;
import dev.mephisto.stream.OperatorContext;
import dev.mephisto.stream.OperatorState;
import dev.mephisto.stream.StreamOperator;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session and sliding windows, joins and stateful operators, without a broker. */
class MemoryJoinsAndWindowsTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();
  private final List<String> closed = new CopyOnWriteArrayList<>();

  private static Instant at(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  private static String span(Window w) {
    return w.start().toEpochMilli() + ".." + w.end().toEpochMilli();
  }

  @Test
  void slidingWindowsAggregateEveryEventWithinTheirSize() {
    App app = apps.memory("sliding");
    WindowedTable<String, Long> counts = app.windowedTable(TableSpec.of("counts", String.class,
        Long.class).withDefault(0L).sliding(Duration.ofSeconds(10)));
    List<Long> current = new ArrayList<>();
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Agent<String, String> agent = app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        counts.update(kv.key(), n -> n + 1);
        current.add(counts.get(kv.key()).current());
      }
    });
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      for (long t : new long[] {1_000, 3_000, 5_000}) {
        ctx.message("click").key("ann").timestamp(at(t)).put();
      }
    }
    // the issue's example: events 2 s apart share windows instead of one window each
    assertEquals(List.of(1L, 2L, 3L), current, "current(): the window ending at the event");
    assertEquals(List.of("-9000..1001", "-7000..3001", "-5000..5001", "1001..11002",
        "3001..13002"), counts.windows("ann").stream().map(MemoryJoinsAndWindowsTest::span)
        .toList());
    assertEquals(Optional.of(2L), counts.get("ann").get(new Window(at(1_001), at(11_002))));
  }

  @Test
  void sessionsMergeCloseOnceAndLateEventsAreDropped() {
    App app = apps.memory("sessions");
    WindowedTable<String, Long> clicks = app.windowedTable(TableSpec.of("clicks", String.class,
        Long.class).withDefault(0L).session(Duration.ofSeconds(5), Long::sum)
        .grace(Duration.ofSeconds(10))
        .onWindowClose((k, w, n) -> closed.add(k + " " + span(w) + "=" + n)));
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Agent<String, String> agent = app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        clicks.update(kv.key(), n -> n + 1);
      }
    });
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      for (long t : new long[] {10_000, 12_000, 20_000}) {
        ctx.message("c").key("ann").timestamp(at(t)).put();
      }
      assertEquals(List.of("10000..12001", "20000..20001"), sessions(clicks));
      ctx.message("c").key("ann").timestamp(at(30_000)).put();
      assertEquals(List.of("ann 10000..12001=2"), closed,
          "closed: stream time passed its end + gap + grace");
      ctx.message("c").key("ann").timestamp(at(25_000)).put(); // within grace: bridges two
      assertEquals(List.of("10000..12001", "20000..30001"), sessions(clicks));
      assertEquals(Optional.of(3L), clicks.get("ann").get(new Window(at(20_000), at(30_001))));
      ctx.message("c").key("ann").timestamp(at(45_002)).put();
      assertEquals(List.of("ann 10000..12001=2", "ann 20000..30001=3"), closed,
          "each session closed once; the merged-away ones never");
      ctx.message("c").key("ann").timestamp(at(11_000)).put(); // late: dropped
      assertEquals(List.of("20000..30001", "45002..45003"), sessions(clicks),
          "the first session expired (gap + grace after it could close)");
      assertEquals(2, closed.size());
    }
  }

  private static List<String> sessions(WindowedTable<String, Long> t) {
    return t.windows("ann").stream().map(MemoryJoinsAndWindowsTest::span).toList();
  }

  @Test
  void testMessagesCarryPartitionHeadersAndEventTimeToOperators() {
    App app = apps.memory("op-context");
    List<String> seen = new CopyOnWriteArrayList<>();
    StreamOperator spy = new StreamOperator() {
      @Override
      public String name() {
        return "spy";
      }

      @Override
      public <K, V> Stream<K, V> apply(Stream<K, V> up, Map<String, ?> config,
          OperatorContext context) {
        OperatorState<String, Long> counts = context.state("counts", String.class, Long.class,
            Duration.ofMinutes(1));
        return up.peek(v -> {
          Event<?, ?> e = context.currentEvent().orElseThrow();
          long n = counts.get("all").orElse(0L) + 1;
          counts.put("all", n);
          seen.add(context.agentName() + "/" + context.operatorName() + " p"
              + context.partition().orElseThrow() + " t"
              + context.eventTime().orElseThrow().toEpochMilli() + " h"
              + new String(e.headers().get("h"), StandardCharsets.UTF_8) + " n" + n);
        });
      }
    };
    Topic<String, String> in = app.topic("in", String.class, String.class);
    Agent<String, String> agent = app.agent(in).name("watch").process(s -> s.apply(spy,
        Map.of()));
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      Event<String, String> e = ctx.message("v").key("k").partition(1).timestamp(at(42))
          .header("h", "x".getBytes(StandardCharsets.UTF_8)).put();
      ctx.message("v").key("k").partition(1).timestamp(at(43))
          .header("h", "y".getBytes(StandardCharsets.UTF_8)).put();
      assertEquals(1, e.partition());
      assertEquals(at(42), e.timestamp());
    }
    assertEquals(List.of("watch/spy p1 t42 hx n1", "watch/spy p1 t43 hy n2"), seen);
  }

  @Test
  void streamTableJoinsLookUpAtProcessingTime() {
    App app = apps.memory("stream-table");
    Table<String, String> customers = app.table(TableSpec.of("customers", String.class,
        String.class));
    Topic<String, String> orders = app.topic("orders", String.class, String.class);
    Agent<String, String> inner = app.agent(orders).name("inner")
        .process(s -> s.join(customers, (o, c) -> o + "/" + c));
    Agent<String, String> left = app.agent(orders).name("left")
        .process(s -> s.leftJoin(customers, (o, c) -> o + "/" + c));
    customers.put("ann", "Ann");
    try (var i = inner.testContext(); var l = left.testContext()) {
      for (String k : List.of("ann", "bob")) {
        i.put(k, "order-" + k);
        l.put(k, "order-" + k);
      }
      customers.put("bob", "Bob");
      i.put("bob", "again");
      assertEquals(List.of("order-ann/Ann", "again/Bob"), i.results());
      assertEquals(List.of("order-ann/Ann", "order-bob/null"), l.results());
    }
  }

  @Test
  void streamGlobalTableJoinsMapTheKey() {
    App app = apps.memory("stream-global");
    Table<String, Double> prices = app.globalTable(TableSpec.of("prices", String.class,
        Double.class));
    Topic<String, String> orders = app.topic("orders", String.class, String.class);
    Agent<String, String> agent = app.agent(orders)
        .process(s -> s.join(prices, o -> o.split(":")[0], (o, p) -> o + "=" + p));
    prices.put("apple", 0.5);
    try (var ctx = agent.testContext()) {
      ctx.put("ann", "apple:3");
      ctx.put("ann", "pear:1");
      assertEquals(List.of("apple:3=0.5"), ctx.results());
    }
  }

  @Test
  void tableTableJoinsFollowBothSides() {
    App app = apps.memory("table-table");
    Table<String, String> names = app.table(TableSpec.of("names", String.class, String.class));
    Table<String, String> cities = app.table(TableSpec.of("cities", String.class,
        String.class));
    Table<String, String> inner = names.join(cities, (n, c) -> n + "@" + c,
        TableSpec.of("inner", String.class, String.class));
    Table<String, String> left = names.leftJoin(cities, (n, c) -> n + "@" + c,
        TableSpec.of("left", String.class, String.class));
    Table<String, String> outer = names.outerJoin(cities, (n, c) -> n + "@" + c,
        TableSpec.of("outer", String.class, String.class));
    names.put("ann", "Ann");
    cities.put("bob", "Oslo");
    assertEquals(Optional.empty(), inner.get("ann"));
    assertEquals(Optional.of("Ann@null"), left.get("ann"));
    assertEquals(Optional.of("null@Oslo"), outer.get("bob"));
    cities.put("ann", "Rome");
    assertEquals(Optional.of("Ann@Rome"), inner.get("ann"));
    assertEquals(Optional.of("Ann@Rome"), left.get("ann"));
    names.remove("ann");
    assertEquals(Optional.empty(), inner.get("ann"));
    assertEquals(Optional.empty(), left.get("ann"));
    assertEquals(Optional.of("null@Rome"), outer.get("ann"));
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
        dev.mephisto.ConfigurationException.class, () -> inner.put("x", "y")).getMessage()
        .contains("cannot be written"));
  }

  @Test
  void streamStreamLeftJoinsEmitUnmatchedEventsOnlyOnceTheirWindowClosed() {
    App app = apps.memory("stream-stream");
    Topic<String, String> payments = app.topic("payments", String.class, String.class)
        .withPartitions(1);
    Topic<String, String> logins = app.topic("logins", String.class, String.class)
        .withPartitions(1);
    List<String> out = new CopyOnWriteArrayList<>();
    app.agent(payments).name("fraud").sink(String.class, out::add).process(s -> s.leftJoin(
        logins, JoinWindow.of(Duration.ofSeconds(5)).grace(Duration.ofSeconds(1)),
        (p, l) -> p + "+" + l, "pl").items().map(kv -> kv.key() + ":" + kv.value()));
    app.start();
    payments.message("pay1").key("ann").timestamp(at(10_000)).send().join();
    logins.message("login1").key("ann").timestamp(at(12_000)).send().join();
    AWAIT.until("a match", () -> out.contains("ann:pay1+login1"));
    payments.message("pay2").key("bob").timestamp(at(13_000)).send().join();
    payments.message("pay3").key("carl").timestamp(at(20_000)).send().join();
    AWAIT.until("bob's payment alone once 13 s + 5 s + 1 s passed",
        () -> out.contains("bob:pay2+null"));
    payments.message("pay4").key("dave").timestamp(at(21_000)).send().join();
    logins.message("l4").key("dave").timestamp(at(24_000)).send().join();
    AWAIT.until("dave matched", () -> out.contains("dave:pay4+l4"));
    payments.message("pay5").key("zed").timestamp(at(40_000)).send().join();
    AWAIT.until("carl's payment alone", () -> out.contains("carl:pay3+null"));
    assertEquals(List.of("ann:pay1+login1", "bob:pay2+null", "dave:pay4+l4", "carl:pay3+null"),
        out, "no spurious left results, each result once");
  }

  @Test
  void aTestContextFeedsBothSidesOfAStreamStreamJoin() {
    App app = apps.memory("join-test-context");
    Topic<String, String> payments = app.topic("payments", String.class, String.class);
    Topic<String, Integer> logins = app.topic("logins", String.class, Integer.class);
    Topic<String, String> other = app.topic("other", String.class, String.class);
    Agent<String, String> agent = app.agent(payments).name("fraud").process(s -> s.leftJoin(
        logins, JoinWindow.of(Duration.ofSeconds(5)), (p, l) -> p + "+" + l, "pl"));
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      ctx.message("pay1").key("ann").timestamp(at(10_000)).put();
      Event<String, Integer> login = ctx.message(logins, 7).key("ann").timestamp(at(12_000))
          .partition(0).put();
      assertEquals("logins", login.topic());
      assertEquals(Integer.valueOf(7), login.value());
      // one key, so one partition and one stream time (a test context puts state in the
      // partition of the key's hash, as the default partitioner would)
      ctx.message("pay2").key("ann").timestamp(at(20_000)).put();
      ctx.message(logins, 8).key("ann").timestamp(at(40_000)).put(); // closes pay2's window
      assertEquals(List.of("pay1+7", "pay2+null"), ctx.results());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ctx.message(other, "x").key("ann").put());
      assertTrue(e.getMessage().contains("does not read topic 'other'"), e::getMessage);
    }
  }

  @Test
  void streamStreamJoinsDecodeEachSideAsItsOwnType() {
    App app = apps.memory("stream-stream-types");
    Topic<String, String> orders = app.topic("orders", String.class, String.class)
        .withPartitions(1);
    Topic<String, Long> payments = app.topic("payments", String.class, Long.class)
        .withPartitions(1).withValueCodec("json");
    List<String> out = new CopyOnWriteArrayList<>();
    app.agent(orders).name("paid").sink(String.class, out::add).process(s -> s.join(payments,
        JoinWindow.of(Duration.ofSeconds(5)), (o, p) -> o + "=" + (p + 1), "op"));
    app.start();
    orders.message("o1").key("ann").timestamp(at(1_000)).send().join();
    payments.message(41L).key("ann").timestamp(at(2_000)).send().join();
    AWAIT.until("joined", () -> out.contains("o1=42"));
    orders.message("o2").key("ann").timestamp(at(3_000)).send().join(); // after a Long: a String
    AWAIT.until("joined again", () -> out.contains("o2=42"));
    assertEquals(List.of("o1=42", "o2=42"), out);
  }

  @Test
  void tableJoinResultIsComputedUnderItsLockSoConcurrentSideWritesLeaveNoStaleResult()
      throws Exception {
    // the two sides are written by different agents: the names side reads "no city yet" and is
    // held in its joiner while the cities side writes and recomputes; the names side must not
    // then overwrite the result with what it read before (found under load: a missing result)
    App app = apps.memory("table-join-race");
    Table<String, String> names = app.table(TableSpec.of("names", String.class, String.class));
    Table<String, String> cities = app.table(TableSpec.of("cities", String.class,
        String.class));
    CountDownLatch inJoiner = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Table<String, String> left = names.leftJoin(cities, (n, c) -> {
      if (c == null && inJoiner.getCount() > 0) {
        inJoiner.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return n + "@" + c;
    }, TableSpec.of("left", String.class, String.class));
    Thread namesWriter = Thread.ofPlatform().start(() -> names.put("p0", "Name0"));
    assertTrue(inJoiner.await(20, TimeUnit.SECONDS), "the names side reached its joiner");
    Thread citiesWriter = Thread.ofPlatform().start(() -> cities.put("p0", "City0"));
    // the cities side either finishes (no lock kept it out) or waits for the result's lock
    AWAIT.until("the cities side done or waiting", () -> {
      Thread.State st = citiesWriter.getState();
      return st == Thread.State.TERMINATED || st == Thread.State.WAITING
          || st == Thread.State.TIMED_WAITING || st == Thread.State.BLOCKED;
    });
    release.countDown();
    namesWriter.join();
    citiesWriter.join();
    assertEquals(Optional.of("Name0@City0"), left.get("p0"),
        "the result of the last write of both sides");
  }

  @Test
  void tableJoinsOfTablesWithOtherPartitionCountsFailAtStartNamingBoth() {
    App app = apps.memory("table-table-counts");
    Table<String, String> a = app.table(TableSpec.of("a", String.class, String.class)
        .withPartitions(2));
    Table<String, String> b = app.table(TableSpec.of("b", String.class, String.class)
        .withPartitions(3));
    a.join(b, (x, y) -> x + y, TableSpec.of("ab", String.class, String.class)
        .withPartitions(2));
    var e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.mephisto.ConfigurationException.class, app::start);
    assertTrue(e.getMessage().contains("table 'a' (changelog 'table-table-counts-a-changelog') "
        + "has 2 partitions, table 'b' (changelog 'table-table-counts-b-changelog') has 3"),
        e.getMessage());
  }

  @Test
  void streamStreamJoinWindowsIncludeBothEndsAndNothingBeyond() {
    App app = apps.memory("stream-stream-ends");
    Topic<String, String> clicks = app.topic("clicks", String.class, String.class)
        .withPartitions(1);
    Topic<String, String> views = app.topic("views", String.class, String.class)
        .withPartitions(1);
    List<String> out = new CopyOnWriteArrayList<>();
    app.agent(clicks).name("match").sink(String.class, out::add).process(s -> s.join(views,
        JoinWindow.of(Duration.ofSeconds(5)).grace(Duration.ofSeconds(10)),
        (c, v) -> c + "+" + v, "cv"));
    app.start();
    // all there before the view (within its grace): it looks both ways
    for (long t : new long[] {23_999, 24_000, 29_000, 34_000, 34_001}) {
      clicks.message("c" + t).key("k").timestamp(at(t)).send().join();
    }
    views.message("v").key("k").timestamp(at(29_000)).send().join();
    clicks.message("last").key("k").timestamp(at(29_000)).send().join();
    AWAIT.until("the last click joined", () -> out.contains("last+v"));
    assertEquals(List.of("c24000+v", "c29000+v", "c34000+v", "last+v"), out.stream().sorted()
        .toList(), "[29 s - 5 s, 29 s + 5 s], both ends included, nothing a millisecond beyond");
  }
}
