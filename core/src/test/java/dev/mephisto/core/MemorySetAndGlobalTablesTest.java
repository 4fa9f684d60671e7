package dev.mephisto.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.AgentTestContext;
import dev.mephisto.App;
import dev.mephisto.SetTable;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Set tables, global tables and tables in agent test contexts, on the in-memory broker. */
class MemorySetAndGlobalTablesTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();

  private App app(String id) {
    return apps.memory(id);
  }

  @Test
  void setTablesLogEachAddAndDiscardAsItsOwnRecord() {
    App app = apps.memory("mem-sets", b -> b.tableCacheMaxBytes(0)); // every change logged
    SetTable<String, String> tags = app.setTable("tags", String.class, String.class);
    app.start();
    tags.add("ann", "red");
    tags.add("ann", "blue");
    tags.add("ann", "red");
    tags.add("bob", "green");
    tags.discard("ann", "blue");
    tags.discard("ann", "never-added");
    assertEquals(Set.of("red"), tags.get("ann"));
    assertEquals(Set.of("green"), tags.get("bob"));
    assertEquals(Set.of(), tags.get("carl"));
    assertEquals(Set.of("ann", "bob"), tags.keys());
    List<ConsumerRecord<byte[], byte[]>> log = TopicReader.readAll(app, "mem-sets-tags-changelog");
    assertEquals(4, log.size(), "red, blue, green added once each, blue discarded once");
    ConsumerRecord<byte[], byte[]> discard = log.stream().filter(r -> r.value() == null)
        .findFirst().orElseThrow();
    assertTrue(new String(discard.key(), UTF_8).endsWith("\"ann\"\"blue\""),
        () -> "entry key is [length][key][element]: " + new String(discard.key(), UTF_8));
    assertNull(discard.value());
  }

  @Test
  void globalTablesAreReadableEverywhereAndWrittenByKeyHash() {
    App app = app("mem-global");
    Table<String, String> countries = app.globalTable(
        TableSpec.of("countries", String.class, String.class).withPartitions(3));
    Topic<String, String> in = app.topic("lookups", String.class, String.class);
    List<String> seen = new CopyOnWriteArrayList<>();
    app.agent(in, s -> {
      for (String code : s) {
        seen.add(countries.get(code).orElse("?"));
      }
    });
    app.start();
    countries.put("fr", "France");
    countries.put("de", "Germany");
    in.send("x", "fr");
    in.send("y", "de");
    in.send("z", "it");
    AWAIT.until("3 lookups", () -> seen.size() == 3);
    assertEquals(Set.of("France", "Germany", "?"), Set.copyOf(seen));
    assertEquals(2, countries.size());
  }

  @Test
  void tablesWorkInAgentTestContextsBeforeTheAppStarts() {
    App app = app("mem-testctx");
    Topic<String, String> orders = app.topic("orders", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    var agent = app.agent(orders).name("counter").start(s -> {
      for (String account : s) {
        counts.update(account, n -> n + 1);
      }
    });
    try (AgentTestContext<String, String> ctx = agent.testContext()) {
      ctx.put("ann");
      ctx.put("ann");
      ctx.put("bob");
    }
    assertEquals(Optional.of(2L), counts.get("ann"));
    assertEquals(Optional.of(1L), counts.get("bob"));
    assertEquals(Set.of("ann", "bob"), counts.keys());
  }
}
