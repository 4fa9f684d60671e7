package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.CodecException;
import dev.mephisto.OnError;
import dev.mephisto.Stream;
import dev.mephisto.Topic;
import dev.mephisto.codec.Codec;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of output (sink, a send in the loop, echo, through, groupBy, reply) is tracked: an
 * input is committed only once its outputs are stored; an output that cannot be encoded, or that
 * the broker refuses (a record over the topic's {@code max.message.bytes}), sends its input to the
 * dead-letter topic with the error (policy DEAD_LETTER) or stops the worker without committing
 * past it (policy STOP).
 */
@WithKafka
class OutputFailuresIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private static final int LIMIT = 1_000;
  // over the producer's batch.size (Mephisto's 128 KiB) too: a too-large record batched with others
  // is split and retried by the producer until delivery.timeout.ms, a Kafka producer behaviour
  private static final String BIG = "x".repeat(200 * LIMIT);
  /** Inputs: "bad" cannot be encoded as an output, "big" is over the output topic's size limit. */
  private static final List<String> INPUTS = List.of("ok-1", "bad", "ok-2", "big", "ok-3");

  @RegisterExtension final TestApps apps = new TestApps();

  /** Strings, except that it refuses to encode "bad". */
  private static final class PickyCodec implements Codec {
    @Override
    public byte[] encode(Object value) {
      if ("bad".equals(value)) {
        throw new CodecException("picky refuses to encode \"bad\"");
      }
      return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T decode(byte[] data, Class<T> type) {
      return type.cast(new String(data, StandardCharsets.UTF_8));
    }
  }

  private static String output(String input) {
    return switch (input) {
      case "bad" -> "bad";
      case "big" -> BIG;
      default -> "out-" + input;
    };
  }

  private App app(KafkaCluster kafka, String id) {
    return apps.track(App.builder(id).broker("kafka://" + kafka.bootstrapServers())
        .codec(new NamedCodecProvider("picky", new PickyCodec())).valueCodec("picky")
        .topicPartitions(1).commitInterval(Duration.ofMillis(200)).web("127.0.0.1", 0)
        .environment(Map.of()).build());
  }

  /** A topic refusing records over {@link #LIMIT} bytes. */
  private static void smallTopic(KafkaCluster kafka, String name) {
    kafka.client().createTopic(name, 1, Map.of("max.message.bytes", Integer.toString(LIMIT)));
  }

  /**
   * Runs an agent whose outputs go to {@code id-out}, feeds {@link #INPUTS}, and checks: every
   * input committed, the good outputs stored, both failing inputs dead-lettered with the error.
   */
  private void deadLettersBothFailures(KafkaCluster kafka, String kind,
      BiConsumer<App, Topic<String, String>> agent, String outTopic) {
    String id = KafkaTestClient.uniqueName("out-" + kind);
    App app = app(kafka, id);
    smallTopic(kafka, id + "-in");
    smallTopic(kafka, outTopic == null ? id + "-out" : outTopic.replace("{id}", id));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    agent.accept(app, in);
    app.start();
    for (String v : INPUTS) {
      kafka.client().produceStrings(id + "-in", List.of(dev.mephisto.KeyValue.of("k", v)));
    }
    AWAIT.until("every input committed",
        () -> kafka.client().committedOffsets(id).getOrDefault(new TopicPartition(id + "-in", 0), 0L),
        o -> o == INPUTS.size());
    List<ConsumerRecord<byte[], byte[]>> dead =
        kafka.client().consume(id + "-in.dlq", 2, Duration.ofSeconds(60));
    assertEquals(List.of("bad", "big"), dead.stream().map(r -> text(r.value())).sorted().toList());
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      String message = ForwardedTypesIT.header(r, "mephisto.dlq.message");
      String expected = text(r.value()).equals("bad") ? "picky refuses to encode"
          : "Could not send an output";
      assertTrue(message.contains(expected), kind + ": " + message);
    }
    String out = outTopic == null ? id + "-out" : outTopic.replace("{id}", id);
    List<String> written = kafka.client().readAll(out).stream().map(r -> text(r.value())).toList();
    for (String v : List.of("ok-1", "ok-2", "ok-3")) {
      assertTrue(written.contains(output(v)), kind + ": " + written);
    }
    assertTrue(((MephistoApp) app).failure().isEmpty(), "the worker keeps running");
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void aSinkResultThatFailsDeadLettersItsInput(KafkaCluster kafka) {
    deadLettersBothFailures(kafka, "sink", (app, in) -> {
      Topic<String, String> out = app.topic(in.name().replace("-in", "-out"), String.class,
          String.class);
      app.agent(in).name("a").sink(out).process(s -> s.map(OutputFailuresIT::output));
    }, null);
  }

  @Test
  void aSendInTheLoopThatFailsDeadLettersItsInput(KafkaCluster kafka) {
    deadLettersBothFailures(kafka, "loop", (app, in) -> {
      Topic<String, String> out = app.topic(in.name().replace("-in", "-out"), String.class,
          String.class);
      app.agent(in).name("a").start(s -> {
        for (String v : s) {
          out.send("k", output(v)); // the future is not looked at: the runtime tracks it
        }
      });
    }, null);
  }

  @Test
  void anEchoThatFailsDeadLettersItsInput(KafkaCluster kafka) {
    deadLettersBothFailures(kafka, "echo", (app, in) -> {
      Topic<String, String> out = app.topic(in.name().replace("-in", "-out"), String.class,
          String.class);
      app.agent(in).name("a").start(s -> {
        for (String ignored : s.map(OutputFailuresIT::output).echo(out)) {
          // the echo is the output
        }
      });
    }, null);
  }

  @Test
  void aThroughThatFailsDeadLettersItsInput(KafkaCluster kafka) {
    deadLettersBothFailures(kafka, "through", (app, in) -> {
      Topic<String, String> out = app.topic(in.name().replace("-in", "-out"), String.class,
          String.class);
      app.agent(in).name("a").start(s -> {
        for (String ignored : s.map(OutputFailuresIT::output).through(out)) {
          // read back from the through topic
        }
      });
    }, null);
  }

  @Test
  void aGroupByForwardThatFailsDeadLettersItsInput(KafkaCluster kafka) {
    deadLettersBothFailures(kafka, "groupby", (app, in) -> {
      app.agent(in).name("a").start(s -> {
        Stream<String, String> mapped = s.map(OutputFailuresIT::output);
        for (String ignored : mapped.withValueType(String.class).groupBy(v -> "g", "g")) {
          // read back from the repartition topic
        }
      });
    }, "{id}-a-g-repartition");
  }

  @Test
  void aReplyThatFailsDeadLettersItsRequest(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("out-reply");
    App app = app(kafka, id);
    smallTopic(kafka, id + "-in");
    String replyTopic = id + "-reply-" + UUID.randomUUID();
    smallTopic(kafka, replyTopic);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    app.agent(in).name("a").process(s -> s.map(OutputFailuresIT::output));
    app.start();
    for (String v : INPUTS) {
      ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(id + "-in", null,
          v.getBytes(StandardCharsets.UTF_8));
      r.headers().add("mephisto.reply-to", replyTopic.getBytes(StandardCharsets.UTF_8));
      r.headers().add("mephisto.correlation-id", v.getBytes(StandardCharsets.UTF_8));
      kafka.client().send(List.of(r));
    }
    AWAIT.until("every request committed",
        () -> kafka.client().committedOffsets(id).getOrDefault(new TopicPartition(id + "-in", 0), 0L),
        o -> o == INPUTS.size());
    List<ConsumerRecord<byte[], byte[]>> dead =
        kafka.client().consume(id + "-in.dlq", 2, Duration.ofSeconds(60));
    assertEquals(List.of("bad", "big"), dead.stream().map(r -> text(r.value())).sorted().toList());
    List<String> replies = kafka.client().readAll(replyTopic).stream().map(r -> text(r.value()))
        .toList();
    assertTrue(replies.containsAll(List.of("out-ok-1", "out-ok-2", "out-ok-3")), replies.toString());
  }

  @Test
  void aSinkResultTheBrokerRefusesStopsTheWorkerWithoutCommittingPastItsInput(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("out-stop");
    App app = apps.track(App.builder(id).broker("kafka://" + kafka.bootstrapServers())
        .valueCodec("string").topicPartitions(1).commitInterval(Duration.ofMillis(100))
        .web("127.0.0.1", 0).environment(Map.of()).build());
    smallTopic(kafka, id + "-out");
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Topic<String, String> out = app.topic(id + "-out", String.class, String.class);
    app.agent(in).name("a").onError(OnError.STOP).sink(out)
        .process(s -> s.map(OutputFailuresIT::output));
    app.start();
    kafka.client().produceStrings(id + "-in", List.of(dev.mephisto.KeyValue.of("k", "ok-1"),
        dev.mephisto.KeyValue.of("k", "ok-2")));
    AWAIT.until("the good inputs committed",
        () -> kafka.client().committedOffsets(id).getOrDefault(new TopicPartition(id + "-in", 0), 0L),
        o -> o == 2);
    kafka.client().produceStrings(id + "-in", List.of(dev.mephisto.KeyValue.of("k", "big"),
        dev.mephisto.KeyValue.of("k", "ok-3")));
    AWAIT.until("the worker stopped on the refused output",
        () -> ((MephistoApp) app).failure().isPresent());
    Throwable failure = ((MephistoApp) app).failure().orElseThrow();
    assertTrue(String.valueOf(failure.getMessage()).contains("Could not send an output"),
        failure.toString());
    app.stop();
    assertEquals(2L, kafka.client().committedOffsets(id).get(new TopicPartition(id + "-in", 0)),
        "nothing committed past the input whose output failed");
    assertTrue(kafka.client().topics().stream().noneMatch(t -> t.equals(id + "-in.dlq"))
        || kafka.client().recordCount(id + "-in.dlq") == 0, "STOP dead-letters nothing");
  }
}
