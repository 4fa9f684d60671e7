package dev.mephisto.core.differential;

import static dev.mephisto.core.differential.WindowsDifferentialIT.assertSame;

import dev.mephisto.App;
import dev.mephisto.JoinWindow;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.core.differential.Inputs.Event;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same randomised input through Kafka Streams joins (TopologyTestDriver, records in send
 * order) and Mephisto's on the embedded broker (each record sent once the one before it was
 * processed, so that both see one order); results are compared as multisets of {@code
 * key:left+right}.
 */
@WithKafka
class JoinsDifferentialIT {
  static final int EVENTS = 300;
  private static final Duration DIFF = Duration.ofSeconds(5);
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  @RegisterExtension final TestApps apps = new TestApps();

  private static Map<String, Integer> count(List<String> results) {
    Map<String, Integer> m = new TreeMap<>();
    results.forEach(r -> m.merge(r, 1, Integer::sum));
    return m;
  }

  private static Properties props() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "differential");
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    // emit left/outer results as soon as their window closed, not throttled by the wall clock
    p.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX,
        0L);
    return p;
  }

  /** Runs a topology over the events: side 0 to topic {@code left}, side 1 to {@code right}. */
  private static void pipe(StreamsBuilder b, List<Event> events, String left, String right) {
    try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), props())) {
      TestInputTopic<String, String> li = driver.createInputTopic(left, new StringSerializer(),
          new StringSerializer());
      TestInputTopic<String, String> ri = driver.createInputTopic(right,
          new StringSerializer(), new StringSerializer());
      for (Event e : events) {
        (e.side() == 0 ? li : ri).pipeInput(e.key(), e.value(), Instant.ofEpochMilli(e.time()));
      }
    }
  }

  /** Sends each event once the one before was processed (the group's lag is 0). */
  private static void sendInOrder(KafkaCluster kafka, String group, List<Event> events,
      Topic<String, String> left, Topic<String, String> right) {
    for (Event e : events) {
      Topic<String, String> t = e.side() == 0 ? left : right;
      t.message(e.value()).key(e.key()).timestamp(Instant.ofEpochMilli(e.time())).send().join();
      AWAIT.until("processed", () -> kafka.client().lag(group, t.name()) == 0);
    }
  }

  private static List<Event> withFlush(List<Event> events) {
    List<Event> all = new ArrayList<>(events);
    long end = events.stream().mapToLong(Event::time).max().orElseThrow() + 3_600_000;
    all.add(new Event(0, "zz", "Lend", end)); // closes every window on both sides
    all.add(new Event(1, "zz", "Rend", end));
    return all;
  }

  @Test
  void streamStreamJoinsGiveWhatKafkaStreamsGives(KafkaCluster kafka) {
    List<Event> events = withFlush(Inputs.generate(4, EVENTS, 8, 2, 1_500, GRACE.toMillis(),
        DIFF.toMillis()));
    // Kafka Streams
    Map<String, List<String>> ks = Map.of("inner", new ArrayList<>(), "left", new ArrayList<>(),
        "outer", new ArrayList<>());
    StreamsBuilder b = new StreamsBuilder();
    KStream<String, String> l = b.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
    KStream<String, String> r = b.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
    JoinWindows w = JoinWindows.ofTimeDifferenceAndGrace(DIFF, GRACE);
    l.join(r, (x, y) -> x + "+" + y, w).foreach((k, v) -> ks.get("inner").add(k + ":" + v));
    l.leftJoin(r, (x, y) -> x + "+" + y, w).foreach((k, v) -> ks.get("left").add(k + ":" + v));
    l.outerJoin(r, (x, y) -> x + "+" + y, w).foreach((k, v) -> ks.get("outer").add(k + ":" + v));
    pipe(b, events, "left", "right");
    // Mephisto
    String id = KafkaTestClient.uniqueName("diff-joins");
    App app = apps.kafka(kafka, id, x -> x.topicPartitions(1).commitEvery(1));
    Topic<String, String> left = app.topic(id + "-left", String.class, String.class);
    Topic<String, String> right = app.topic(id + "-right", String.class, String.class);
    Map<String, List<String>> mine = Map.of("inner", new CopyOnWriteArrayList<>(),
        "left", new CopyOnWriteArrayList<>(), "outer", new CopyOnWriteArrayList<>());
    JoinWindow jw = JoinWindow.of(DIFF).grace(GRACE);
    app.agent(left).name("inner").sink(String.class, mine.get("inner")::add).process(s -> s
        .join(right, jw, (x, y) -> x + "+" + y, "j").items().map(kv -> kv.key() + ":" + kv.value()));
    app.agent(left).name("left").sink(String.class, mine.get("left")::add).process(s -> s
        .leftJoin(right, jw, (x, y) -> x + "+" + y, "j").items()
        .map(kv -> kv.key() + ":" + kv.value()));
    app.agent(left).name("outer").sink(String.class, mine.get("outer")::add).process(s -> s
        .outerJoin(right, jw, (x, y) -> x + "+" + y, "j").items()
        .map(kv -> kv.key() + ":" + kv.value()));
    app.start();
    sendInOrder(kafka, id, events, left, right);
    for (String kind : List.of("inner", "left", "outer")) {
      List<String> theirs = withoutEarly(ks.get(kind), early(events));
      assertSame(count(theirs), count(withoutDelayed(mine.get(kind), theirs)));
    }
  }

  @Test
  void streamTableJoinsGiveWhatKafkaStreamsGives(KafkaCluster kafka) {
    // side 0: orders (the stream), side 1: customer updates (the table)
    List<Event> events = Inputs.generate(5, EVENTS, 8, 2, 1_000, 0, 0);
    List<String> ksInner = new ArrayList<>();
    List<String> ksLeft = new ArrayList<>();
    StreamsBuilder b = new StreamsBuilder();
    KStream<String, String> orders = b.stream("orders", Consumed.with(Serdes.String(),
        Serdes.String()));
    KTable<String, String> customers = b.table("customers", Consumed.with(Serdes.String(),
        Serdes.String()));
    orders.join(customers, (o, c) -> o + "+" + c).foreach((k, v) -> ksInner.add(k + ":" + v));
    orders.leftJoin(customers, (o, c) -> o + "+" + c).foreach((k, v) -> ksLeft.add(k + ":" + v));
    pipe(b, events, "orders", "customers");
    String id = KafkaTestClient.uniqueName("diff-stream-table");
    App app = apps.kafka(kafka, id, x -> x.topicPartitions(1).commitEvery(1));
    Topic<String, String> ordersTopic = app.topic(id + "-orders", String.class, String.class);
    Topic<String, String> customersTopic = app.topic(id + "-customers", String.class,
        String.class);
    Table<String, String> table = app.table(TableSpec.of("customers", String.class,
        String.class));
    app.agent(customersTopic, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        table.put(kv.key(), kv.value());
      }
    });
    List<String> inner = new CopyOnWriteArrayList<>();
    List<String> left = new CopyOnWriteArrayList<>();
    app.agent(ordersTopic).name("inner").sink(String.class, inner::add).process(s -> s
        .join(table, (o, c) -> o + "+" + c).items().map(kv -> kv.key() + ":" + kv.value()));
    app.agent(ordersTopic).name("left").sink(String.class, left::add).process(s -> s
        .leftJoin(table, (o, c) -> o + "+" + c).items().map(kv -> kv.key() + ":" + kv.value()));
    app.start();
    sendInOrder(kafka, id, events, ordersTopic, customersTopic);
    assertSame(count(ksInner), count(inner));
    assertSame(count(ksLeft), count(left));
  }

  @Test
  void streamGlobalTableJoinsGiveWhatKafkaStreamsGives(KafkaCluster kafka) {
    // side 0: orders keyed by order, naming a product in their value; side 1: product updates
    List<Event> raw = Inputs.generate(7, EVENTS, 8, 2, 1_000, 0, 0);
    List<Event> events = new ArrayList<>();
    for (Event e : raw) {
      events.add(e.side() == 0
          ? new Event(0, "o" + e.value(), e.value() + "/p" + e.key().substring(1), e.time())
          : new Event(1, "p" + e.key().substring(1), e.value(), e.time()));
    }
    List<String> ksInner = new ArrayList<>();
    List<String> ksLeft = new ArrayList<>();
    StreamsBuilder b = new StreamsBuilder();
    KStream<String, String> orders = b.stream("orders", Consumed.with(Serdes.String(),
        Serdes.String()));
    org.apache.kafka.streams.kstream.GlobalKTable<String, String> products = b.globalTable(
        "products", Consumed.with(Serdes.String(), Serdes.String()));
    orders.join(products, (k, o) -> o.split("/")[1], (o, p) -> o + "+" + p)
        .foreach((k, v) -> ksInner.add(k + ":" + v));
    orders.leftJoin(products, (k, o) -> o.split("/")[1], (o, p) -> o + "+" + p)
        .foreach((k, v) -> ksLeft.add(k + ":" + v));
    pipe(b, events, "orders", "products");
    String id = KafkaTestClient.uniqueName("diff-stream-global");
    App app = apps.kafka(kafka, id, x -> x.topicPartitions(2).commitEvery(1));
    Topic<String, String> ordersTopic = app.topic(id + "-orders", String.class, String.class);
    Topic<String, String> productsTopic = app.topic(id + "-products", String.class,
        String.class);
    Table<String, String> table = app.globalTable(TableSpec.of("products", String.class,
        String.class));
    app.agent(productsTopic, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        table.put(kv.key(), kv.value());
      }
    });
    List<String> inner = new CopyOnWriteArrayList<>();
    List<String> left = new CopyOnWriteArrayList<>();
    app.agent(ordersTopic).name("inner").sink(String.class, inner::add).process(s -> s
        .join(table, o -> o.split("/")[1], (o, p) -> o + "+" + p).items()
        .map(kv -> kv.key() + ":" + kv.value()));
    app.agent(ordersTopic).name("left").sink(String.class, left::add).process(s -> s
        .leftJoin(table, o -> o.split("/")[1], (o, p) -> o + "+" + p).items()
        .map(kv -> kv.key() + ":" + kv.value()));
    app.start();
    // one order as Kafka Streams: the orders before a product update are processed before it,
    // and the update is in the global table before the next order is sent
    for (Event e : events) {
      Topic<String, String> t = e.side() == 0 ? ordersTopic : productsTopic;
      if (e.side() == 1) {
        AWAIT.until("orders processed", () -> kafka.client().lag(id, ordersTopic.name()) == 0);
      }
      t.message(e.value()).key(e.key()).timestamp(Instant.ofEpochMilli(e.time())).send().join();
      if (e.side() == 1) {
        AWAIT.until("the global table has the update", () -> table.get(e.key())
            .equals(java.util.Optional.of(e.value())));
      }
    }
    AWAIT.until("every order processed", () -> kafka.client().lag(id, ordersTopic.name()) == 0);
    assertSame(count(ksInner), count(inner));
    assertSame(count(ksLeft), count(left));
  }

  @Test
  void tableTableJoinsEndAsKafkaStreamsEnds(KafkaCluster kafka) {
    List<Event> events = Inputs.generate(6, EVENTS, 20, 2, 1_000, 0, 0);
    Map<String, Map<String, String>> ks = Map.of("inner", new TreeMap<>(), "left",
        new TreeMap<>(), "outer", new TreeMap<>());
    StreamsBuilder b = new StreamsBuilder();
    KTable<String, String> a = b.table("a", Consumed.with(Serdes.String(), Serdes.String()));
    KTable<String, String> c = b.table("b", Consumed.with(Serdes.String(), Serdes.String()));
    a.join(c, (x, y) -> x + "+" + y).toStream().foreach((k, v) -> put(ks.get("inner"), k, v));
    a.leftJoin(c, (x, y) -> x + "+" + y).toStream().foreach((k, v) -> put(ks.get("left"), k, v));
    a.outerJoin(c, (x, y) -> x + "+" + y).toStream()
        .foreach((k, v) -> put(ks.get("outer"), k, v));
    pipe(b, events, "a", "b");
    String id = KafkaTestClient.uniqueName("diff-table-table");
    App app = apps.kafka(kafka, id, x -> x.topicPartitions(1).commitEvery(1));
    Topic<String, String> at = app.topic(id + "-a", String.class, String.class);
    Topic<String, String> bt = app.topic(id + "-b", String.class, String.class);
    Table<String, String> ta = app.table(TableSpec.of("a", String.class, String.class));
    Table<String, String> tb = app.table(TableSpec.of("b", String.class, String.class));
    Map<String, Table<String, String>> mine = Map.of(
        "inner", ta.join(tb, (x, y) -> x + "+" + y, TableSpec.of("ab-inner", String.class,
            String.class)),
        "left", ta.leftJoin(tb, (x, y) -> x + "+" + y, TableSpec.of("ab-left", String.class,
            String.class)),
        "outer", ta.outerJoin(tb, (x, y) -> x + "+" + y, TableSpec.of("ab-outer", String.class,
            String.class)));
    app.agent(at, s -> s.items().forEach(kv -> ta.put(kv.key(), kv.value())));
    app.agent(bt, s -> s.items().forEach(kv -> tb.put(kv.key(), kv.value())));
    app.start();
    sendInOrder(kafka, id, events, at, bt);
    for (String kind : List.of("inner", "left", "outer")) {
      Map<String, String> result = new TreeMap<>();
      mine.get(kind).items().forEach(kv -> result.put(kv.key(), kv.value()));
      assertSame(ks.get(kind), result);
    }
  }

  /**
   * @return the events Kafka Streams joins with null as soon as they arrive although their grace
   *     is not over: out of order, their window's end passed by stream time, its grace not
   */
  static java.util.Set<String> early(List<Event> events) {
    java.util.Set<String> out = new java.util.HashSet<>();
    long st = Long.MIN_VALUE;
    for (Event e : events) {
      st = Math.max(st, e.time());
      long end = e.time() + DIFF.toMillis();
      if (end < st && end + GRACE.toMillis() >= st) {
        out.add(e.value());
      }
    }
    return out;
  }

  /**
   * The intended difference: Kafka Streams joins an out-of-order event that found no partner
   * with null at once when stream time passed its window's end, before its grace is over, and
   * when a partner arrives within the grace it gives the joined result too; Mephisto waits for
   * the grace, so only the joined result is there. Those null results of {@code early} events
   * that also have a joined result are dropped from Kafka Streams' output; the rest must match.
   */
  static List<String> withoutEarly(List<String> results, java.util.Set<String> early) {
    List<String> out = new ArrayList<>();
    for (String r : results) {
      String[] kv = r.split(":", 2);
      String[] lr = kv[1].split("\\+", 2);
      boolean spurious = lr[1].equals("null")
          ? early.contains(lr[0]) && results.stream().anyMatch(
              o -> o.startsWith(kv[0] + ":" + lr[0] + "+") && !o.endsWith("+null"))
          : lr[0].equals("null") && early.contains(lr[1]) && results.stream().anyMatch(
              o -> o.endsWith("+" + lr[1]) && !o.startsWith(kv[0] + ":null+"));
      if (!spurious) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The other intended difference: Kafka Streams checks for closed windows only once stream
   * time passed the close of the latest event it holds unmatched (its bookkeeping keeps that
   * one's time), so an event's left result can come later than its window's close, and a partner
   * arriving late in between (but within its own grace) joins it instead; Mephisto emits the
   * left result at the close, and the late partner's joined result after it. Such Mephisto null
   * results, of events that also have a joined result and that Kafka Streams did not give, are
   * dropped before comparing.
   */
  static List<String> withoutDelayed(List<String> mine, List<String> theirs) {
    List<String> out = new ArrayList<>();
    for (String r : mine) {
      String[] kv = r.split(":", 2);
      String[] lr = kv[1].split("\\+", 2);
      boolean delayed = !theirs.contains(r) && (lr[1].equals("null")
          ? mine.stream().anyMatch(o -> o.startsWith(kv[0] + ":" + lr[0] + "+")
              && !o.endsWith("+null"))
          : lr[0].equals("null") && mine.stream().anyMatch(o -> o.endsWith("+" + lr[1])
              && !o.startsWith(kv[0] + ":null+")));
      if (!delayed) {
        out.add(r);
      }
    }
    return out;
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v == null) {
      m.remove(k);
    } else {
      m.put(k, v);
    }
  }
}
