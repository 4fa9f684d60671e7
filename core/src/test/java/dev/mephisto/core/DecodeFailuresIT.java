package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever a codec throws while decoding, the record reaches the dead-letter topic as a
 * CodecException with its coordinates before its offset is committed; a transient failure is
 * retried while the partition waits.
 */
@WithKafka
class DecodeFailuresIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  @RegisterExtension final TestApps apps = new TestApps();

  private AppBuilder builder(KafkaCluster kafka, String id) {
    return App.builder(id).broker("kafka://" + kafka.bootstrapServers()).codec(HostileCodec.PROVIDER)
        .valueCodec("hostile").topicPartitions(1).commitInterval(Duration.ofMillis(200))
        .web("127.0.0.1", 0).environment(Map.of());
  }

  private App started(App app) {
    apps.track(app).start();
    return app;
  }

  @Test
  void anyFailureOfAnyCodecIsDeadLetteredWithCoordinatesBeforeItsOffsetIsCommitted(
      KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("decode-any");
    App app = builder(kafka, id).build();
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    List<String> processed = new CopyOnWriteArrayList<>();
    app.agent(in, s -> s.forEach(processed::add));
    started(app);
    List<KeyValue<String, String>> records = List.of(KeyValue.of("k", "ok-1"),
        KeyValue.of("k", "ise:1"), KeyValue.of("k", "deep:1"), KeyValue.of("k", "huge:1"),
        KeyValue.of("k", "bad:1"), KeyValue.of("k", "ok-2"));
    kafka.client().produceStrings(id + "-in", records);

    List<ConsumerRecord<byte[], byte[]>> dead =
        kafka.client().consume(id + "-in.dlq", 4, Duration.ofSeconds(90));
    Map<Long, String> byOffset = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      assertEquals("dev.mephisto.CodecException", ForwardedTypesIT.header(r, "mephisto.dlq.exception"));
      byOffset.put(Long.parseLong(ForwardedTypesIT.header(r, "mephisto.dlq.offset")),
          ForwardedTypesIT.header(r, "mephisto.dlq.message"));
    }
    String where = "Cannot decode value of topic '" + id + "-in' partition 0 offset ";
    assertTrue(byOffset.get(1L).startsWith(where + "1 with 'hostile': the codec threw "
        + "java.lang.IllegalStateException: custom codec gave up on ise:1"), byOffset::toString);
    assertTrue(byOffset.get(2L).startsWith(where + "2 with 'hostile': the codec overflowed the "
        + "stack (the value nests too deeply)"), byOffset::toString);
    assertTrue(byOffset.get(3L).startsWith(where + "3 with 'hostile': the codec ran out of memory"),
        byOffset::toString);
    assertTrue(byOffset.get(4L).startsWith(where + "4 with 'hostile': expected no 'bad:' prefix"),
        byOffset::toString);
    AWAIT.until("both valid values processed", processed::size, n -> n == 2);
    assertEquals(List.of("ok-1", "ok-2"), processed);
    AWAIT.until("every offset committed, the poison ones too",
        () -> kafka.client().lag(id, id + "-in") == 0);
    assertTrue(((MephistoApp) app).running(), "the worker goes on");
  }

  @Test
  void anUndecodableKeyIsDeadLetteredToo(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("decode-key");
    App app = builder(kafka, id).valueCodec("raw").build();
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class).withKeyCodec("hostile");
    List<String> keys = new CopyOnWriteArrayList<>();
    app.agent(in, s -> s.items().forEach(kv -> keys.add(kv.key())));
    started(app);
    kafka.client().produceStrings(id + "-in", List.of(KeyValue.of("ise:key", "v1"),
        KeyValue.of("good", "v2")));
    List<ConsumerRecord<byte[], byte[]>> dead =
        kafka.client().consume(id + "-in.dlq", 1, Duration.ofSeconds(90));
    String message = ForwardedTypesIT.header(dead.get(0), "mephisto.dlq.message");
    assertTrue(message.startsWith("Cannot decode key of topic '" + id + "-in' partition 0 offset 0 "
        + "with 'hostile': the codec threw java.lang.IllegalStateException"), message);
    AWAIT.until("the good key processed", keys::size, n -> n == 1);
    assertEquals(List.of("good"), keys);
    AWAIT.until("both offsets committed", () -> kafka.client().lag(id, id + "-in") == 0);
  }

  @Test
  void transientFailuresAreRetriedInOrderWhileThePartitionWaits(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("decode-transient");
    App app = builder(kafka, id).build();
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    List<String> processed = new CopyOnWriteArrayList<>();
    app.agent(in, s -> s.forEach(processed::add));
    started(app);
    List<KeyValue<String, String>> records = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String v = i == 10 ? "transient:3:" + id : "v" + i;
      records.add(KeyValue.of("k" + i, v));
      expected.add(v);
    }
    kafka.client().produceStrings(id + "-in", records);
    AWAIT.until("all 30 processed", processed::size, n -> n == 30);
    assertEquals(expected, processed, "in order: the partition waited for the retried record");
    assertEquals(4, HostileCodec.ATTEMPTS.get(id).get(), "3 transient failures, then decoded");
    AWAIT.until("all committed", () -> kafka.client().lag(id, id + "-in") == 0);
    assertEquals(0, kafka.client().recordCount(id + "-in.dlq"), "a transient failure is no poison");
  }

  @Test
  void aStopWhileATransientFailureWaitsIsCleanAndCommitsNothingPastIt(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("decode-stuck");
    App app = builder(kafka, id).build();
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    List<String> processed = new CopyOnWriteArrayList<>();
    app.agent(in, s -> s.forEach(processed::add));
    started(app);
    String stuck = "stuck:" + id;
    kafka.client().produceStrings(id + "-in", List.of(KeyValue.of("a", "v0"), KeyValue.of("b", "v1"),
        KeyValue.of("c", stuck), KeyValue.of("d", "v3")));
    AWAIT.until("the stuck record was tried a few times",
        () -> HostileCodec.ATTEMPTS.containsKey(stuck) && HostileCodec.ATTEMPTS.get(stuck).get() >= 3);
    assertEquals(List.of("v0", "v1"), processed, "nothing after the waiting record");
    long t0 = System.nanoTime();
    app.stop();
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "the stop did not wait out the retry");
    MephistoApp m = (MephistoApp) app;
    assertTrue(m.failure().isEmpty(), () -> "a clean stop, not a failure: " + m.failure());
    assertEquals(2L, kafka.client().committedOffsets(id).values().stream().mapToLong(Long::longValue).sum(),
        "committed up to the waiting record, not past it");
    assertEquals(0, kafka.client().recordCount(id + "-in.dlq"));
  }
}
