package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.FieldDefault;
import dev.mephisto.OnError;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.cli.Cli;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What used to pass {@code build()} and kill the running worker later now fails early, with a
 * message: topic, table and derived names by Kafka's rules, store options, durations.
 */
class EarlyConfigurationFailuresTest {
  @RegisterExtension final TestApps apps = new TestApps();

  private static String failure(Runnable r) {
    return assertThrows(ConfigurationException.class, r::run).getMessage();
  }

  record Line(String sku, @FieldDefault("one") int quantity) {}

  record Order(String id, java.util.List<Line> lines) {}

  @Test
  void aModelWithAWrongFieldDefaultFailsWhenItsTopicIsDeclared() {
    App app = apps.memory("early-models");
    String m = failure(() -> app.topic("orders", String.class, Order.class));
    assertEquals("Model '" + Line.class.getName() + "': component 'quantity' has"
        + " @FieldDefault(\"one\"), but an int is a whole number from -2147483648 to 2147483647", m);
  }

  @Test
  void topicNamesFollowKafkasRulesIncludingTheDeadLetterTopicTheyMake() {
    App app = apps.memory("early-topics");
    assertTrue(failure(() -> app.topic(".", String.class, String.class))
        .startsWith("Topic name '.' is not a legal Kafka topic name: '.' and '..' are not allowed"));
    assertTrue(failure(() -> app.topic("..", String.class, String.class)).contains("'..'"));
    assertTrue(failure(() -> app.topic("t".repeat(250), String.class, String.class))
        .contains("it has 250 characters, more than Kafka's 249"));
    Topic<String, String> longest = app.topic("t".repeat(249), String.class, String.class);
    String m = failure(() -> app.agent(longest, s -> { }));
    assertTrue(m.startsWith("Dead-letter topic of topic '" + "t".repeat(249) + "' '"
        + "t".repeat(249) + ".dlq' is not a legal Kafka topic name: it has 253 characters"), m);
  }

  @Test
  void tableNamesMustMakeALegalChangelogTopic() {
    App app = apps.memory("early-tables");
    assertTrue(failure(() -> app.table(".", String.class, Long.class, 0L))
        .startsWith("Table name '.' is not a legal Kafka topic name"));
    String m = failure(() -> app.table("t".repeat(230), String.class, Long.class, 0L));
    assertTrue(m.startsWith("Changelog topic of table '" + "t".repeat(230) + "' 'early-tables-"), m);
    assertTrue(m.endsWith("give the table a shorter name"), m);
  }

  @Test
  void storeOptionsFailWhenTheTableIsDeclared(@TempDir Path dir) {
    App app = apps.memory("early-store");
    String bad = failure(() -> app.table(TableSpec.of("counts", String.class, Long.class)
        .withStore("rocksdb://" + dir + "?blockCacheMb=lots")));
    assertTrue(bad.startsWith("Option 'blockCacheMb' in store URL 'rocksdb://" + dir
        + "?blockCacheMb=lots' was 'lots' but it should be a whole number >= 1"), bad);
    String missing = failure(() -> app.table(TableSpec.of("counts2", String.class, Long.class)
        .withStore("rocksdb://" + dir + "?configurer=com.example.Missing")));
    assertTrue(missing.contains("names 'com.example.Missing' but no such class is on the class path"),
        missing);
    String notOne = failure(() -> app.table(TableSpec.of("counts3", String.class, Long.class)
        .withStore("rocksdb://" + dir + "?configurer=java.lang.String")));
    assertTrue(notOne.contains("but it should implement dev.mephisto.store.rocksdb.RocksDbConfigurer"),
        notOne);
  }

  @Test
  void anIllegalGroupByNameStopsTheWorkerWithOneClearFailure() {
    MephistoApp app = (MephistoApp) apps.memory("early-groupby");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.agent(in).name("counter").start(s -> {
      for (String v : s.groupBy(v -> v, "by/value")) {
        v.length();
      }
    });
    app.start();
    Await.atMost(Duration.ofSeconds(30)).until("the worker stopped", () -> !app.running());
    String why = app.failure().orElseThrow().getMessage();
    assertTrue(why.startsWith("Repartition topic of groupBy 'by/value' in agent 'counter' "
        + "'early-groupby-counter-by/value-repartition' is not a legal Kafka topic name: "
        + "character '/'"), why);
  }

  @Test
  void aGroupByOfMappedValuesWithoutTheirClassStopsTheWorkerWhateverThePolicy() {
    MephistoApp app = (MephistoApp) apps.memory("early-mapped");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.agent(in).name("lengths").onError(OnError.SKIP).start(s -> {
      for (Integer n : s.map(String::length).groupBy(n -> "k" + n, "byLength")) {
        n.hashCode();
      }
    });
    app.start();
    Await.atMost(Duration.ofSeconds(30)).until("the worker stopped", () -> !app.running());
    String why = app.failure().orElseThrow().getMessage();
    assertTrue(why.startsWith("groupBy 'byLength' of agent 'lengths' repartitions values whose "
        + "class is not known (a map hides it)"), why);
    assertTrue(why.contains("withValueType"), why);
  }

  @Test
  void anOverlongTakeWindowStopsTheWorkerInsteadOfOverflowing() {
    MephistoApp app = (MephistoApp) apps.memory("early-take");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.agent(in, s -> s.take(10, Duration.ofDays(1_000_000)).forEach(b -> { }));
    app.start();
    Await.atMost(Duration.ofSeconds(30)).until("the worker stopped", () -> !app.running());
    assertTrue(app.failure().orElseThrow().getMessage().startsWith("take within was 'PT24000000H'"));
  }

  @Test
  void theCliParsesEveryArgumentBeforeStartingAnything() {
    MephistoApp app = (MephistoApp) apps.memory("early-cli");
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.agent(in, s -> { });
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(2, run(app, out, err, "worker", "--duration", "banana"));
    assertTrue(err.toString().contains("Invalid value for option '--duration': 'banana' is not a "
        + "duration; expected e.g. 30s, 2500ms, 5m, 1h or PT1M"), err::toString);
    assertTrue(app.conductor().isEmpty() && !app.running(), "the worker never started");
    assertEquals(2, run(app, out, err, "worker", "--duration", "PT99999999999999H"));
    assertEquals(2, run(app, out, err, "send", "in", "--value", "x", "--repeat", "-5"));
    assertTrue(err.toString().contains("'--repeat': '-5' should be at least 1"), err::toString);
    assertEquals(2, run(app, out, err, "send", "in", "--value", "x", "--repeat", "0"));
    assertTrue(app.conductor().isEmpty(), "nothing started");
  }

  private static int run(MephistoApp app, StringWriter out, StringWriter err, String... args) {
    return Cli.run(app, new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void exactlyOnceOnTheMemoryBrokerFailsAtBuild() {
    String m = failure(() -> App.builder("early-eos").broker("memory://").exactlyOnce()
        .environment(Map.of()).build());
    assertTrue(m.contains("broker 'memory://' has no transactions"), m);
  }
}
