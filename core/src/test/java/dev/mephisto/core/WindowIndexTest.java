package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.WindowedTable;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Windows close through the time index: a close reads the due windows, not the partition. */
class WindowIndexTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();
  private final CountingStoreProvider stores = new CountingStoreProvider();
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final AtomicInteger processed = new AtomicInteger();

  private static Instant timeOf(String value) {
    return Instant.ofEpochMilli(Long.parseLong(value.split("@")[1]));
  }

  private void send(Topic<String, String> in, String... values) {
    int before = processed.get();
    for (String v : values) {
      in.send(v.split("@")[0], v);
    }
    AWAIT.until(values.length + " events processed",
        () -> processed.get() == before + values.length);
  }

  @ParameterizedTest(name = "write cache {0} bytes")
  @ValueSource(longs = {0, 10L << 20})
  void closingAFewDueWindowsReadsThemAloneAmongManyOpenOnes(long cacheBytes) {
    App app = apps.memory("win-index", b -> b.store("counting://").storeProvider(stores)
        .tableCacheMaxBytes(cacheBytes));
    WindowedTable<String, Long> views =
        app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
        .tumbling(Duration.ofSeconds(1)).grace(Duration.ofSeconds(20))
        .relativeToField(String.class, WindowIndexTest::timeOf)
        .onWindowClose((k, w, n) -> closed.add(k + "@" + w.start().toEpochMilli() + "=" + n)));
    Topic<String, String> in = app.topic("events", String.class, String.class).withPartitions(1);
    app.agent(in, s -> {
      for (String v : s) {
        views.update(v.split("@")[0], n -> n + 1);
        processed.incrementAndGet();
      }
    });
    app.start();
    String[] open = new String[500];
    for (int i = 0; i < open.length; i++) {
      open[i] = "k" + i + "@10500"; // windows [10 s, 11 s): close at 31 s
    }
    send(in, open);
    send(in, "e0@1000", "e1@1100", "e2@1200", "e1@1300"); // [1 s, 2 s): close at 22 s, in grace
    assertEquals(List.of(), closed);
    stores.reset();
    send(in, "z@25000"); // stream time 25 s: the three early windows are due, 500 are not
    assertEquals(List.of("e0@1000=1", "e1@1000=2", "e2@1000=1"), closed.stream().sorted().toList());
    assertEquals(0, stores.fullScans.get(), "no scan of the partition");
    assertTrue(stores.entriesIterated.get() <= 10,
        "read " + stores.entriesIterated.get() + " entries to close 3 windows among 503");
    assertEquals(Long.valueOf(1), views.get("k7").get(views.windowsFor(Instant.ofEpochMilli(10500))
        .get(0)).orElseThrow(), "open windows stay");
  }
}
