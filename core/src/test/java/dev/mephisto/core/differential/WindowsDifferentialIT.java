package dev.mephisto.core.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.App;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.Window;
import dev.mephisto.WindowedTable;
import dev.mephisto.WindowedTableSpec;
import dev.mephisto.core.differential.Inputs.Event;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same randomised input (out-of-order events within the grace, late ones beyond it) through
 * a Kafka Streams windowed count (TopologyTestDriver) and a Mephisto windowed table on the
 * embedded broker; the final count of every window must be the same. Windows are compared as
 * {@code key@first..last} instants they hold (Kafka Streams' sliding and session windows include
 * their end; Mephisto's {@link Window} ends 1 ms after).
 */
@WithKafka
class WindowsDifferentialIT {
  static final int EVENTS = 600;
  private static final Duration SIZE = Duration.ofSeconds(10);
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(120));
  @RegisterExtension final TestApps apps = new TestApps();

  private static List<Event> input(long seed) {
    return Inputs.generate(seed, EVENTS, 5, 1, 3_000, GRACE.toMillis(), SIZE.toMillis());
  }

  /** Kafka Streams' final counts, by window. */
  private static Map<String, Long> kafkaStreams(List<Event> events,
      Function<KGroupedStream<String, String>, KTable<Windowed<String>, Long>> windowed,
      boolean inclusiveEnd) {
    StreamsBuilder b = new StreamsBuilder();
    Map<String, Long> out = new TreeMap<>();
    windowed.apply(b.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey())
        .toStream().foreach((wk, n) -> {
          String w = wk.key() + "@" + wk.window().start() + ".."
              + (inclusiveEnd ? wk.window().end() : wk.window().end() - 1);
          if (n == null) {
            out.remove(w); // a session merged into another
          } else {
            out.put(w, n);
          }
        });
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "differential");
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), p)) {
      TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
          new StringSerializer());
      for (Event e : events) {
        in.pipeInput(e.key(), e.value(), Instant.ofEpochMilli(e.time()));
      }
    }
    return out;
  }

  /**
   * Mephisto's final counts: closed windows as their callback saw them, then open ones. Kafka
   * Streams keeps every window in its output; Mephisto deletes windows once expired (size +
   * grace after their end), after they closed and their callback saw them; so every window is
   * compared, closed or open.
   */
  private Map<String, Long> mephisto(KafkaCluster kafka, String kind, List<Event> events,
      Function<TableSpec<String, Long>, WindowedTableSpec<String, Long>> windows) {
    String id = KafkaTestClient.uniqueName("diff-" + kind);
    Map<String, Long> out = new ConcurrentSkipListMap<>();
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(1));
    WindowedTable<String, Long> table = app.windowedTable(windows.apply(TableSpec.of("counts",
        String.class, Long.class).withDefault(0L)).onWindowClose((k, w, n) -> out.put(name(k,
        w), n)));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    app.agent(in, s -> {
      for (var kv : s.items()) {
        table.update(kv.key(), n -> n + 1);
      }
    });
    app.start();
    List<java.util.concurrent.CompletableFuture<?>> sent = new java.util.ArrayList<>();
    for (Event e : events) {
      sent.add(in.message(e.value()).key(e.key()).timestamp(Instant.ofEpochMilli(e.time()))
          .send());
    }
    // every event at the broker before the lag is read: else an empty topic reads as no lag
    sent.forEach(java.util.concurrent.CompletableFuture::join);
    AWAIT.until("every event processed", () -> kafka.client().lag(id, id + "-in") == 0);
    for (String key : events.stream().map(Event::key).distinct().toList()) {
      for (Window w : table.windows(key)) {
        out.putIfAbsent(name(key, w), table.get(key).get(w).orElseThrow());
      }
    }
    return out;
  }

  private static String name(String key, Window w) {
    return key + "@" + w.start().toEpochMilli() + ".." + (w.end().toEpochMilli() - 1);
  }

  /** Equal maps, else a message with what differs (not the whole maps). */
  static <T> void assertSame(Map<String, T> kafkaStreams, Map<String, T> mephisto) {
    Map<String, String> diff = new TreeMap<>();
    kafkaStreams.forEach((k, v) -> {
      if (!v.equals(mephisto.get(k))) {
        diff.put(k, "Kafka Streams " + v + ", Mephisto " + mephisto.get(k));
      }
    });
    mephisto.forEach((k, v) -> {
      if (!kafkaStreams.containsKey(k)) {
        diff.put(k, "Kafka Streams null, Mephisto " + v);
      }
    });
    assertEquals(Map.of(), diff, () -> diff.size() + " of " + kafkaStreams.size() + " differ");
  }

  @Test
  void tumblingWindowsCountAsKafkaStreams(KafkaCluster kafka) {
    List<Event> events = input(1);
    assertSame(kafkaStreams(events, g -> g.windowedBy(TimeWindows.ofSizeAndGrace(SIZE, GRACE))
        .count(), false), mephisto(kafka, "tumbling", events, t -> t.tumbling(SIZE).grace(GRACE)));
  }

  @Test
  void hoppingWindowsCountAsKafkaStreams(KafkaCluster kafka) {
    List<Event> events = input(4);
    Duration step = Duration.ofSeconds(4);
    assertSame(kafkaStreams(events, g -> g.windowedBy(TimeWindows.ofSizeAndGrace(SIZE, GRACE)
        .advanceBy(step)).count(), false),
        mephisto(kafka, "hopping", events, t -> t.hopping(SIZE, step).grace(GRACE)));
  }

  @Test
  void slidingWindowsCountAsKafkaStreams(KafkaCluster kafka) {
    List<Event> events = input(2);
    assertSame(kafkaStreams(events, g -> g.windowedBy(
            SlidingWindows.ofTimeDifferenceAndGrace(SIZE, GRACE)).count(), true),
        mephisto(kafka, "sliding", events, t -> t.sliding(SIZE).grace(GRACE)));
  }

  @Test
  void sessionWindowsCountAsKafkaStreams(KafkaCluster kafka) {
    List<Event> events = input(3);
    Duration gap = Duration.ofSeconds(4);
    assertSame(kafkaStreams(events, g -> g.windowedBy(
            SessionWindows.ofInactivityGapAndGrace(gap, GRACE)).count(), true),
        mephisto(kafka, "session", events, t -> t.session(gap, Long::sum).grace(GRACE)));
  }
}
