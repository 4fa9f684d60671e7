package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.Event;
import dev.mephisto.KeyValue;
import dev.mephisto.Topic;
import dev.mephisto.TopicPattern;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One agent over several topics, and over a topic pattern, on the real broker. */
@WithKafka
class SubscriptionsIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  @RegisterExtension final TestApps apps = new TestApps();

  private App app(KafkaCluster kafka, String id) {
    return apps.kafka(kafka, id, b -> b.topicPartitions(3));
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void oneAgentReadsSeveralTopicsEachWithItsOwnCodecs(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("several");
    App app = app(kafka, id);
    Topic<String, String> eu = app.topic(id + "-eu", String.class, String.class);
    // another codec on the second topic: each record decodes with its own topic's binding
    Topic<String, String> us = app.topic(id + "-us", String.class, String.class)
        .withValueCodec("json");
    List<Event<String, String>> seen = new CopyOnWriteArrayList<>();
    app.agent(List.of(eu, us)).name("all").start(s -> s.events().forEach(seen::add));
    app.start();
    for (int i = 0; i < 20; i++) {
      eu.send("e" + i, "eu-" + i);
      us.send("u" + i, "us-" + i);
    }
    AWAIT.until("40 events from both topics", () -> seen.size() == 40);
    for (Event<String, String> e : seen) {
      String region = e.topic().endsWith("-eu") ? "eu" : "us";
      assertTrue(e.value().startsWith(region + "-"), e::toString);
      assertEquals(e.value().substring(3), e.key().substring(1), e::toString);
    }
    assertEquals("\"us-0\"", firstValue(kafka, id + "-us", "u0"), "json on the wire");
    assertEquals("eu-0", firstValue(kafka, id + "-eu", "e0"), "string on the wire");
  }

  private static String firstValue(KafkaCluster kafka, String topic, String key) {
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll(topic)) {
      if (text(r.key()).equals(key)) {
        return text(r.value());
      }
    }
    return null;
  }

  @Test
  void failuresGoToTheDeadLetterTopicOfTheRecordsOwnTopic(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("several-dlq");
    App app = app(kafka, id);
    Topic<String, String> a = app.topic(id + "-a", String.class, String.class);
    Topic<String, String> b = app.topic(id + "-b", String.class, String.class);
    Set<String> processed = ConcurrentHashMap.newKeySet();
    app.agent(List.of(a, b), s -> {
      for (String v : s) {
        if (v.startsWith("poison")) {
          throw new IllegalStateException("cannot handle " + v);
        }
        processed.add(v);
      }
    });
    app.start();
    a.send("k", "fine-a");
    b.send("k", "poison-b");
    b.send("k", "fine-b");
    AWAIT.until("the good values processed and the poison dead-lettered", () ->
        processed.size() == 2 && kafka.client().recordCount(id + "-b.dlq") == 1);
    assertEquals("poison-b", text(kafka.client().readAll(id + "-b.dlq").get(0).value()));
    assertEquals(0, kafka.client().recordCount(id + "-a.dlq"), "a's dead-letter topic is a's");
    AWAIT.until("every offset committed", () -> kafka.client().lag(id) == 0);
  }

  @Test
  void aPatternAgentReadsMatchingTopicsAndPicksUpNewOnes(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("pattern");
    kafka.client().createTopic(id + "-orders-eu", 2);
    kafka.client().createTopic(id + "-payments", 2); // does not match
    App app = app(kafka, id);
    TopicPattern<String, String> orders = app.topicPattern(
            Pattern.compile(Pattern.quote(id) + "-orders-.*"), String.class, String.class)
        .withRefreshInterval(Duration.ofMillis(500));
    List<Event<String, String>> seen = new CopyOnWriteArrayList<>();
    app.agent(orders).name("orders").start(s -> {
      for (Event<String, String> e : s.events()) {
        if (e.value().startsWith("poison")) {
          throw new IllegalStateException("cannot handle " + e.value());
        }
        seen.add(e);
      }
    });
    app.start();
    kafka.client().produceStrings(id + "-orders-eu", List.of(
        KeyValue.of("k1", "eu-1"), KeyValue.of("k2", "eu-2")));
    kafka.client().produceStrings(id + "-payments", List.of(
        KeyValue.of("k1", "pay-1")));
    AWAIT.until("2 events of the matching topic", () -> seen.size() == 2);
    assertTrue(kafka.client().topics().contains(id + "-orders-eu.dlq"), "its dead-letter topic");

    // a topic created after start is found at the next refresh
    kafka.client().createTopic(id + "-orders-us", 2);
    kafka.client().produceStrings(id + "-orders-us", List.of(
        KeyValue.of("k3", "us-1"), KeyValue.of("k4", "poison-us"),
        KeyValue.of("k5", "us-2")));
    AWAIT.until("the new topic's events", () -> seen.size() == 4);
    AWAIT.until("the poison in the new topic's dead-letter topic",
        () -> kafka.client().topics().contains(id + "-orders-us.dlq")
            && kafka.client().recordCount(id + "-orders-us.dlq") == 1);
    AWAIT.until("every offset committed", () -> kafka.client().lag(id, id + "-orders-us") == 0);

    List<String> topics = seen.stream().map(Event::topic).distinct().sorted().toList();
    assertEquals(List.of(id + "-orders-eu", id + "-orders-us"), topics);
    assertFalse(seen.stream().anyMatch(e -> e.value().startsWith("pay")), "payments not read");
    // the dead-letter topics match the pattern's prefix but are never read back
    assertFalse(seen.stream().anyMatch(e -> e.topic().endsWith(".dlq")), seen::toString);
    assertEquals(List.of(), kafka.client().committedOffsets(id).keySet().stream()
        .filter(tp -> tp.topic().endsWith(".dlq") || tp.topic().endsWith("-payments")).toList());
  }
}
