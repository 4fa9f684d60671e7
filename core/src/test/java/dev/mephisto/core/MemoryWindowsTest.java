package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.Window;
import dev.mephisto.WindowedTable;
import dev.mephisto.WindowedTableSpec;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Windowed tables on the in-memory broker. Values are {@code "key@millis"} and the tables take
 * their time from that field, so the tests control time exactly.
 */
class MemoryWindowsTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final AtomicInteger processed = new AtomicInteger();

  private App app(String id) {
    return apps.memory(id);
  }

  private static Instant timeOf(String value) {
    return Instant.ofEpochMilli(Long.parseLong(value.split("@")[1]));
  }

  private static String keyOf(String value) {
    return value.split("@")[0];
  }

  private static long at(Window w) {
    return w.start().toEpochMilli();
  }

  /** A topic and an agent counting each value's key in {@code views}. */
  private Topic<String, String> counting(App app, WindowedTable<String, Long> views) {
    Topic<String, String> in = app.topic("events", String.class, String.class).withPartitions(2);
    app.agent(in, s -> {
      for (String v : s) {
        views.update(keyOf(v), n -> n + 1);
        processed.incrementAndGet();
      }
    });
    return in;
  }

  private void send(Topic<String, String> in, String... values) {
    int before = processed.get();
    for (String v : values) {
      in.send(keyOf(v), v);
    }
    AWAIT.until(values.length + " events processed", () -> processed.get() == before + values.length);
  }

  @Test
  void tumblingWindowsCountPerWindowAndCloseOnceWhenStreamTimePassesThem() {
    App app = app("win-tumbling");
    WindowedTable<String, Long> views =
        app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
        .tumbling(Duration.ofSeconds(10))
        .relativeToField(String.class, MemoryWindowsTest::timeOf)
        .onWindowClose((k, w, n) -> closed.add(k + "@" + at(w) + "=" + n)));
    Topic<String, String> in = counting(app, views);
    app.start();
    send(in, "ann@1000", "ann@2000", "bob@5000");
    assertEquals(List.of(new Window(Instant.ofEpochMilli(0), Instant.ofEpochMilli(10_000))),
        views.windows("ann"));
    assertEquals(Optional.of(2L), views.get("ann").get(views.windows("ann").get(0)));
    assertEquals(List.of(), closed, "nothing closes before stream time passes the end");

    send(in, "ann@12000");
    AWAIT.until("window 0 closed for ann and bob", () -> closed.size() == 2);
    assertTrue(closed.containsAll(List.of("ann@0=2", "bob@0=1")), () -> "closed " + closed);
    send(in, "bob@13000", "ann@14000");
    assertEquals(2, closed.size(), "no second close of the same windows: " + closed);

    send(in, "ann@25000");
    AWAIT.until("window 10000 closed", () -> closed.size() == 4);
    assertTrue(closed.containsAll(List.of("ann@10000=2", "bob@10000=1")), () -> "closed " + closed);
  }

  @Test
  void lateEventsCountWithinGraceAndAreDroppedAfter() {
    App app = app("win-grace");
    WindowedTable<String, Long> views =
        app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
        .tumbling(Duration.ofSeconds(10)).grace(Duration.ofSeconds(5))
        .relativeToField(String.class, MemoryWindowsTest::timeOf)
        .onWindowClose((k, w, n) -> closed.add(k + "@" + at(w) + "=" + n)));
    Topic<String, String> in = counting(app, views);
    app.start();
    send(in, "ann@1000", "ann@12000", "ann@3000");
    assertEquals(List.of(), closed, "end + grace not reached yet");
    send(in, "ann@16000");
    AWAIT.until("window 0 closed", () -> closed.size() == 1);
    assertEquals("ann@0=2", closed.get(0), "the late event within grace counted");
    send(in, "ann@4000");
    Window first = views.windows("ann").get(0);
    assertEquals(Optional.of(2L), views.get("ann").get(first), "after close a late event is dropped");
  }

  @Test
  void hoppingWindowsUpdateEveryWindowHoldingTheEvent() {
    App app = app("win-hopping");
    WindowedTable<String, Long> views =
        app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
        .hopping(Duration.ofSeconds(10), Duration.ofSeconds(5))
        .relativeToField(String.class, MemoryWindowsTest::timeOf));
    Topic<String, String> in = counting(app, views);
    app.start();
    send(in, "ann@7000", "ann@12000");
    assertEquals(List.of(0L, 5000L, 10000L), views.windows("ann").stream().map(w -> at(w)).toList());
    assertEquals(List.of(5000L, 10000L),
        views.windowsFor(Instant.ofEpochMilli(12000)).stream().map(w -> at(w)).toList());
    assertEquals(Optional.of(2L), views.get("ann").get(new Window(Instant.ofEpochMilli(5000),
        Instant.ofEpochMilli(15000))));
    assertEquals(Optional.of(1L), views.get("ann").get(new Window(Instant.ofEpochMilli(0),
        Instant.ofEpochMilli(10000))));
  }

  @Test
  void expiredWindowsAreDeletedFromStoreAndChangelog() {
    App app = app("win-expiry");
    WindowedTable<String, Long> views =
        app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
        .tumbling(Duration.ofSeconds(10)).expires(Duration.ofSeconds(10))
        .relativeToField(String.class, MemoryWindowsTest::timeOf));
    Topic<String, String> in = counting(app, views);
    app.start();
    send(in, "ann@1000", "ann@15000");
    assertEquals(2, views.windows("ann").size());
    send(in, "ann@21000");
    assertEquals(List.of(10000L, 20000L), views.windows("ann").stream().map(w -> at(w)).toList(),
        "window 0 expired at 10 s + 10 s");
    AWAIT.until("a tombstone for the expired window, written at the next commit", () -> TopicReader
        .readAll(app, "win-expiry-views-changelog").stream().anyMatch(r -> r.value() == null));
  }

  @Test
  void windowSetsReadByStreamTimeAndTheTablesTimeSource() {
    App app = app("win-sets");
    WindowedTable<String, Long> views =
        app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
        .tumbling(Duration.ofSeconds(10)).relativeToField(String.class, MemoryWindowsTest::timeOf));
    Topic<String, String> in = app.topic("events", String.class, String.class).withPartitions(2);
    List<String> seen = new CopyOnWriteArrayList<>();
    app.agent(in, s -> {
      for (String v : s) {
        views.update(keyOf(v), n -> n + 1);
        var set = views.get(keyOf(v));
        seen.add(set.value() + "/" + set.delta(Duration.ofSeconds(10)) + "/" + set.now());
      }
    });
    app.start();
    in.send("ann", "ann@1000");
    in.send("ann", "ann@2000");
    in.send("ann", "ann@11000");
    AWAIT.until("3 events", () -> seen.size() == 3);
    // value(): the field's window; delta(10 s): the window 10 s before the record's (wall-clock)
    // time; now(): the wall clock's window, empty here
    assertEquals(List.of("1/0/0", "2/0/0", "1/0/0"), seen);
  }

  @Test
  void windowsCloseByTheWallClockWhenRelativeToNow() {
    App app = app("win-now");
    WindowedTable<String, Long> views =
        app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
        .tumbling(Duration.ofMillis(200)).relativeToNow()
        .onWindowClose((k, w, n) -> closed.add(k + "=" + n)));
    app.start();
    views.update("ann", n -> n + 1);
    views.update("ann", n -> n + 1);
    AWAIT.until("the window closed without further events", () -> !closed.isEmpty());
    assertEquals(List.of("ann=2"), closed);
  }

  @Test
  void windowedTablesAreDeclaredFromTheirOwnImmutableSpec() {
    App app = app("win-spec");
    WindowedTableSpec<String, Long> spec = TableSpec.of("views", String.class, Long.class)
        .withDefault(0L).tumbling(Duration.ofSeconds(10));
    WindowedTableSpec<String, Long> graced = spec.grace(Duration.ofSeconds(5));
    assertEquals(Duration.ZERO, spec.grace(), "configuring returns a copy");
    assertEquals(Duration.ofSeconds(15), graced.expires(), "expiry defaults to size + grace");
    assertEquals(Duration.ofSeconds(30), graced.changelogRetention(), "size + grace + expiry");
    WindowedTable<String, Long> views = app.windowedTable(graced);
    assertEquals(graced, views.spec());
    assertThrows(ConfigurationException.class, () -> app.windowedTable(
        TableSpec.of("late", String.class, Long.class).tumbling(Duration.ofSeconds(1))
            .grace(Duration.ofSeconds(5)).expires(Duration.ofSeconds(1))),
        "expiring before closing");
    assertThrows(ConfigurationException.class, () -> TableSpec.of("bad", String.class,
        Long.class).hopping(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    WindowedTable<String, Long> sliding = app.windowedTable(TableSpec.of("s", String.class,
        Long.class).sliding(Duration.ofSeconds(1)));
    assertThrows(UnsupportedOperationException.class, () -> sliding.windowsFor(Instant.now()));
    app.start();
    assertThrows(ConfigurationException.class, () -> app.windowedTable(
        TableSpec.of("after", String.class, Long.class).tumbling(Duration.ofSeconds(1))));
  }
}
