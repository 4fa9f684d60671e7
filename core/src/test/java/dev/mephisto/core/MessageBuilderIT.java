package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.Event;
import dev.mephisto.MessageBuilder;
import dev.mephisto.RecordMetadata;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code topic.message(value)...send()} sets key, partition, timestamp and headers on the broker. */
@WithKafka
class MessageBuilderIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");
  @RegisterExtension final TestApps apps = new TestApps();

  private App app(KafkaCluster kafka, String id) {
    return apps.kafka(kafka, id, b -> b.topicPartitions(4));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void messageSetsKeyPartitionTimestampAndHeaders(KafkaCluster kafka) throws Exception {
    String id = KafkaTestClient.uniqueName("message");
    App app = app(kafka, id);
    Topic<String, String> out = app.topic(id + "-out", String.class, String.class);
    RecordMetadata md = out.message("hello").key("ann").partition(2).timestamp(AT)
        .header("trace", utf8("t-1")).header("trace", utf8("t-2"))
        .headers(Map.of("origin", utf8("test")))
        .send().get();
    assertEquals(2, md.partition());
    assertEquals(AT, md.timestamp());

    List<ConsumerRecord<byte[], byte[]>> read = kafka.client().consume(id + "-out", 1,
        Duration.ofSeconds(30));
    ConsumerRecord<byte[], byte[]> r = read.get(0);
    assertEquals(2, r.partition());
    assertEquals(AT.toEpochMilli(), r.timestamp());
    assertArrayEquals(utf8("ann"), r.key());
    assertArrayEquals(utf8("hello"), r.value());
    List<String> traces = new ArrayList<>();
    for (Header h : r.headers().headers("trace")) {
      traces.add(new String(h.value(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of("t-1", "t-2"), traces, "several headers of one name, in order");
    assertArrayEquals(utf8("test"), r.headers().lastHeader("origin").value());
  }

  @Test
  void sendSoonAndAgentsSeeWhatTheMessageSet(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("message-soon");
    App app = app(kafka, id);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    List<Event<String, String>> seen = new CopyOnWriteArrayList<>();
    app.agent(in, s -> s.events().forEach(seen::add));
    app.start();
    in.message("v").key("k").partition(3).timestamp(AT).header("h", utf8("x")).sendSoon();
    AWAIT.until("the agent read the message", () -> seen.size() == 1);
    Event<String, String> e = seen.get(0);
    assertEquals("k", e.key());
    assertEquals("v", e.value());
    assertEquals(3, e.partition());
    assertEquals(AT, e.timestamp());
    assertArrayEquals(utf8("x"), e.headers().get("h"));
  }

  @Test
  void aBuilderSendsAgainUnchangedAndDefaultsToTheKeysPartition(KafkaCluster kafka)
      throws Exception {
    String id = KafkaTestClient.uniqueName("message-again");
    App app = app(kafka, id);
    Topic<String, String> out = app.topic(id + "-out", String.class, String.class);
    MessageBuilder<String, String> m = out.message("same").key("one-key").header("h", utf8("1"));
    RecordMetadata first = m.send().get();
    RecordMetadata second = m.send().get();
    assertEquals(first.partition(), second.partition(), "the key's partition, both times");
    assertEquals(first.offset() + 1, second.offset());
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().consume(id + "-out", 2,
        Duration.ofSeconds(30))) {
      assertEquals(1, r.headers().toArray().length, "headers are not added twice");
    }
  }

  @Test
  void aPartitionTheTopicLacksFailsTheSendAndANegativeOneFailsAtOnce(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("message-bad");
    App app = app(kafka, id);
    Topic<String, String> out = app.topic(id + "-out", String.class, String.class)
        .withPartitions(2);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> out.message("x").partition(7).send().get());
    assertTrue(e.getCause().getMessage().contains("Partition 7 of topic '" + id
        + "-out' does not exist; it has 2"), e::toString);
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> out.message("x").partition(-1));
    assertTrue(n.getMessage().contains("'-1'"), n::getMessage);
  }
}
