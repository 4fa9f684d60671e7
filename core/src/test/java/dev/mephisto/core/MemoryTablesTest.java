package dev.mephisto.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Table semantics on the in-memory broker: one worker holding every partition. */
class MemoryTablesTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();

  private App app(String id) {
    return apps.memory(id);
  }

  private static int murmurPartition(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  @SuppressWarnings("unchecked")
  private static final Class<List<String>> LIST = (Class<List<String>>) (Class<?>) List.class;

  @Test
  void aMutableDefaultIsFreshForEachAbsentKey() {
    App app = app("mem-defaults");
    Table<String, List<String>> supplied =
        app.table(TableSpec.of("supplied", String.class, LIST).withDefault(java.util.ArrayList::new));
    Table<String, List<String>> constant = app.table(
        TableSpec.of("constant", String.class, LIST).withDefault(new java.util.ArrayList<>()));
    app.start();
    for (Table<String, List<String>> t : List.of(supplied, constant)) {
      t.getOrDefault("a").add("changed"); // a caller changing what it got for one absent key
      assertEquals(List.of(), t.getOrDefault("b"), "another key sees a pristine default");
      assertTrue(t.getOrDefault("c") != t.getOrDefault("c"), "one object per lookup");
      t.update("a", l -> {
        l.add("y");
        return l;
      });
      t.update("b", l -> {
        l.add("z");
        return l;
      });
      assertEquals(Optional.of(List.of("y")), t.get("a"));
      assertEquals(Optional.of(List.of("z")), t.get("b"));
      assertEquals(List.of(), t.getOrDefault("d"));
    }
  }

  @Test
  void countTableWritesFaustBytesToTheEventsPartition() {
    App app = apps.memory("mem-count", b -> b.tableCacheMaxBytes(0)); // Faust: every write logged
    Topic<String, String> orders = app.topic("orders", String.class, String.class).withPartitions(4);
    Table<String, Long> counts = app.table("order_count", String.class, Long.class, 0L);
    app.agent(orders, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        counts.update(kv.key(), n -> n + 1);
      }
    });
    app.start();
    for (int i = 0; i < 3; i++) {
      orders.send("ann", "order " + i);
    }
    orders.send("bob", "order 3");
    AWAIT.until("ann counted 3 times", () -> counts.get("ann").orElse(0L) == 3L);
    assertEquals(Optional.of(1L), counts.get("bob"));

    List<ConsumerRecord<byte[], byte[]>> log = TopicReader.readAll(app, "mem-count-order_count-changelog");
    assertEquals(4, log.size(), "one changelog record per write");
    ConsumerRecord<byte[], byte[]> last = log.stream()
        .filter(r -> new String(r.key(), UTF_8).equals("\"ann\"")).reduce((a, b) -> b).orElseThrow();
    assertArrayEquals("\"ann\"".getBytes(UTF_8), last.key(), "json key, as Faust writes it");
    assertArrayEquals("3".getBytes(UTF_8), last.value());
    assertEquals(murmurPartition("ann".getBytes(UTF_8), 4), last.partition(),
        "the partition of the event (raw key 'ann'), not of the table key's json bytes");
    assertEquals(4, ((dev.mephisto.core.internal.MephistoApp) app).services().transport()
        .partitions("mem-count-order_count-changelog").orElseThrow());
  }

  @Test
  void writesOutsideStreamsGoToTheKeysMurmurPartition() {
    App app = app("mem-outside");
    Table<String, Long> t = app.table(TableSpec.of("totals", String.class, Long.class).withPartitions(6));
    app.start();
    t.put("zoe", 7L);
    AWAIT.until("the cached write reaches the changelog at the next commit",
        () -> !TopicReader.readAll(app, "mem-outside-totals-changelog").isEmpty());
    List<ConsumerRecord<byte[], byte[]>> log = TopicReader.readAll(app, "mem-outside-totals-changelog");
    assertEquals(1, log.size());
    assertEquals(murmurPartition("\"zoe\"".getBytes(UTF_8), 6), log.get(0).partition());
  }

  @Test
  void tableOperationsBehaveLikeADictionary() {
    App app = app("mem-dict");
    Table<String, Integer> t = app.table("dict", String.class, Integer.class, 10);
    app.start();
    assertEquals(Optional.empty(), t.get("a"));
    assertEquals(10, t.getOrDefault("a"));
    assertFalse(t.containsKey("a"));
    t.put("a", 1);
    t.put("b", 2);
    assertEquals(12, t.update("b", v -> v + 10));
    assertEquals(15, t.update("c", v -> v + 5), "update starts from the default");
    assertTrue(t.containsKey("a"));
    assertEquals(Set.of("a", "b", "c"), t.keys());
    assertEquals(List.of(1, 12, 15), t.values().stream().sorted().toList());
    assertEquals(Set.of(KeyValue.of("a", 1), KeyValue.of("b", 12), KeyValue.of("c", 15)),
        Set.copyOf(t.items()));
    assertEquals(3, t.size());
    t.remove("a");
    assertFalse(t.containsKey("a"));
    assertEquals(2, t.size());
    AWAIT.until("the cached writes reach the changelog at the next commit", () -> TopicReader
        .readAll(app, "mem-dict-dict-changelog").stream().anyMatch(r -> r.value() == null));
    List<ConsumerRecord<byte[], byte[]>> log = TopicReader.readAll(app, "mem-dict-dict-changelog");
    ConsumerRecord<byte[], byte[]> tombstone = log.get(log.size() - 1).value() == null
        ? log.get(log.size() - 1)
        : log.stream().filter(r -> r.value() == null).findFirst().orElseThrow();
    assertArrayEquals("\"a\"".getBytes(UTF_8), tombstone.key());
    assertNull(tombstone.value(), "remove logs a tombstone");
  }

  @Test
  void aTableWithoutDefaultSaysHowToDeclareOne() {
    App app = app("mem-nodefault");
    Table<String, Long> t = app.table(TableSpec.of("plain", String.class, Long.class));
    app.start();
    NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> t.getOrDefault("x"));
    assertTrue(e.getMessage().contains("withDefault"), e.getMessage());
  }

  @Test
  void declaringTwoTablesWithOneNameOrAnUnknownStoreFails() {
    App app = app("mem-decl");
    app.table("t", String.class, Long.class, 0L);
    ConfigurationException twice = assertThrows(ConfigurationException.class,
        () -> app.table("t", String.class, Long.class, 0L));
    assertTrue(twice.getMessage().contains("Two tables are named 't'"), twice.getMessage());
    ConfigurationException store = assertThrows(ConfigurationException.class,
        () -> app.table(TableSpec.of("u", String.class, Long.class).withStore("nosuch:///x")));
    assertTrue(store.getMessage().contains("nosuch"), store.getMessage());
  }

  @Test
  void aTableFedByATopicOfAnotherPartitionCountFailsAtStart() {
    App app = app("mem-mismatch");
    Topic<String, String> orders = app.topic("orders", String.class, String.class).withPartitions(4);
    Table<String, Long> counts =
        app.table(TableSpec.of("order_count", String.class, Long.class).withPartitions(8));
    app.agent(orders, s -> s.forEach(v -> counts.put(v, 1L)));
    ConfigurationException e = assertThrows(ConfigurationException.class, app::start);
    assertTrue(e.getMessage().startsWith(
        "Table 'order_count' has 8 partitions but topic 'orders' feeding it has 4;"), e.getMessage());
  }
}
