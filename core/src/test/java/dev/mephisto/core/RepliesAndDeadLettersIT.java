package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Headers a producer sets choose no topic: replies go to allowed topics only, dlq headers are not forgeable. */
@WithKafka
class RepliesAndDeadLettersIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  @RegisterExtension final TestApps apps = new TestApps();

  private AppBuilder builder(KafkaCluster kafka, String id) {
    return App.builder(id).broker("kafka://" + kafka.bootstrapServers()).valueCodec("string")
        .topicPartitions(1).commitInterval(Duration.ofMillis(200)).web("127.0.0.1", 0)
        .environment(Map.of());
  }

  private App started(App app) {
    apps.track(app).start();
    return app;
  }

  private static ProducerRecord<byte[], byte[]> request(String topic, String value, String replyTo) {
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null,
        value.getBytes(StandardCharsets.UTF_8));
    r.headers().add("mephisto.reply-to", replyTo.getBytes(StandardCharsets.UTF_8));
    r.headers().add("mephisto.correlation-id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    return r;
  }

  @Test
  void aReplyToHeaderNamingAnyOtherTopicIsDeadLetteredAndCreatesNothing(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("reply-forged");
    App app = builder(kafka, id).build();
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    List<String> processed = new CopyOnWriteArrayList<>();
    app.agent(in).name("echo").process(s -> s.peek(processed::add).map(v -> "result-" + v));
    started(app);
    String victim = id + "-victim";
    String goneReplyTopic = id + "-reply-" + UUID.randomUUID();
    kafka.client().send(List.of(request(id + "-in", "redirect", victim),
        request(id + "-in", "late", goneReplyTopic)));

    List<ConsumerRecord<byte[], byte[]>> dead =
        kafka.client().consume(id + "-in.dlq", 1, Duration.ofSeconds(90));
    String message = ForwardedTypesIT.header(dead.get(0), "mephisto.dlq.message");
    assertTrue(message.startsWith("Header 'mephisto.reply-to' names topic '" + victim + "', which "
        + "is neither a reply topic of app '" + id + "'"), message);
    AWAIT.until("the request with the app's own reply-topic form was processed",
        processed::size, n -> n == 1);
    assertEquals(List.of("late"), processed, "the redirected record never reached the agent");
    AWAIT.until("both committed", () -> kafka.client().lag(id, id + "-in") == 0);
    assertFalse(kafka.client().topics().contains(victim), "a header created a topic");
    assertFalse(kafka.client().topics().contains(goneReplyTopic),
        "a reply to a missing reply topic created it");
  }

  @Test
  void repliesGoToTopicsOfTheAllowList(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("reply-allowed");
    App app = builder(kafka, id).allowedReplyTopics(id + "-audit-*").build();
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    app.agent(in).name("echo").process(s -> s.map(v -> "result-" + v));
    String audit = id + "-audit-1";
    kafka.createTopic(audit, 1);
    started(app);
    kafka.client().send(List.of(request(id + "-in", "q", audit)));
    List<ConsumerRecord<String, String>> replies =
        kafka.client().consumeStrings(audit, 1, Duration.ofSeconds(90));
    assertEquals("result-q", replies.get(0).value());
  }

  @Test
  void forgedDeadLetterHeadersAreRenamedBeforeTheRealOnes(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("dlq-forged");
    App app = builder(kafka, id).codec(DigitsCodec.PROVIDER).valueCodec("digits").build();
    Topic<String, Integer> in = app.topic(id + "-in", String.class, Integer.class);
    app.agent(in, s -> s.forEach(v -> { }));
    started(app);
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(id + "-in", null,
        "poison".getBytes(StandardCharsets.UTF_8));
    r.headers().add("mephisto.dlq.topic", "somewhere-else".getBytes(StandardCharsets.UTF_8));
    r.headers().add("mephisto.dlq.exception", "none".getBytes(StandardCharsets.UTF_8));
    r.headers().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
    kafka.client().send(List.of(r));
    ConsumerRecord<byte[], byte[]> dead =
        kafka.client().consume(id + "-in.dlq", 1, Duration.ofSeconds(90)).get(0);
    assertEquals(List.of(id + "-in"), values(dead, "mephisto.dlq.topic"), "exactly the real one");
    assertEquals(List.of("dev.mephisto.CodecException"), values(dead, "mephisto.dlq.exception"));
    assertEquals("somewhere-else", ForwardedTypesIT.header(dead, "mephisto.dlq.original.topic"));
    assertEquals("none", ForwardedTypesIT.header(dead, "mephisto.dlq.original.exception"));
    assertEquals("t-1", ForwardedTypesIT.header(dead, "trace-id"), "other headers are kept");
  }

  @Test
  void aRecordTooLargeToDeadLetterWholeIsCutToFitAndTheWorkerGoesOn(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("dlq-large");
    kafka.createTopic(id + "-in", 1);
    kafka.client().createTopic(id + "-in.dlq", 1, Map.of("max.message.bytes", "4000"));
    App app = builder(kafka, id).codec(DigitsCodec.PROVIDER).valueCodec("digits").build();
    Topic<String, Integer> in = app.topic(id + "-in", String.class, Integer.class);
    List<Integer> processed = new CopyOnWriteArrayList<>();
    app.agent(in, s -> s.forEach(processed::add));
    started(app);
    byte[] big = new byte[3500];
    Arrays.fill(big, (byte) 'x');
    kafka.client().send(List.of(new ProducerRecord<>(id + "-in", null, big),
        new ProducerRecord<>(id + "-in", null, "42".getBytes(StandardCharsets.UTF_8))));
    ConsumerRecord<byte[], byte[]> dead =
        kafka.client().consume(id + "-in.dlq", 1, Duration.ofSeconds(90)).get(0);
    assertEquals("3500", ForwardedTypesIT.header(dead, "mephisto.dlq.value-truncated"));
    assertTrue(dead.value().length < 3500, "value cut to " + dead.value().length);
    assertArrayEquals(Arrays.copyOf(big, dead.value().length), dead.value(), "a prefix of the original");
    assertTrue(ForwardedTypesIT.header(dead, "mephisto.dlq.message").startsWith(
        "Cannot decode value of topic '" + id + "-in' partition 0 offset 0"));
    assertNull(dead.headers().lastHeader("mephisto.dlq.dropped"), "key and headers fit");
    AWAIT.until("the next record processed", processed::size, n -> n == 1);
    assertTrue(((MephistoApp) app).running(), "the worker goes on");
    AWAIT.until("both committed", () -> kafka.client().lag(id, id + "-in") == 0);
  }

  private static List<String> values(ConsumerRecord<byte[], byte[]> r, String name) {
    return StreamSupport.stream(r.headers().headers(name).spliterator(), false)
        .map(Header::value).map(v -> new String(v, StandardCharsets.UTF_8)).toList();
  }
}
