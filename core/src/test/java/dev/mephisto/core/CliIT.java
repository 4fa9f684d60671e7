package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.cli.Cli;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The app's command line against the real broker. */
@WithKafka
class CliIT {
  private static MephistoApp app(KafkaCluster kafka, String id) {
    return (MephistoApp) App.builder(id).broker("kafka://" + kafka.bootstrapServers())
        .valueCodec("string").web("127.0.0.1", 0).environment(Map.of()).build();
  }

  @Test
  void sendParsesTheValueAsJsonIntoTheTopicsTypeAndRepeats(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("cli-send");
    MephistoApp app = app(kafka, id);
    app.topic(id + "-greetings", String.class, String.class);
    StringWriter out = new StringWriter();
    int code = Cli.run(app, new PrintWriter(out, true),
        "send", id + "-greetings", "--key", "ann", "--value", "\"hello\"", "--repeat", "3");
    assertEquals(0, code, out::toString);
    List<ConsumerRecord<String, String>> got =
        kafka.client().consumeStrings(id + "-greetings", 3, Duration.ofSeconds(30));
    assertEquals(List.of("hello", "hello", "hello"), got.stream().map(ConsumerRecord::value).toList());
    assertEquals("ann", got.get(0).key());
    assertTrue(out.toString().contains("Sent to " + id + "-greetings partition"), out::toString);
  }

  @Test
  void workerRunsAgentsForTheGivenDurationThenStops(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("cli-worker");
    MephistoApp app = app(kafka, id);
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    app.agent(in, s -> s.forEach(seen::add));
    in.send("k", "v1").join(); // creates the topic on first use, before the worker starts
    StringWriter out = new StringWriter();
    assertEquals(0, Cli.run(app, new PrintWriter(out, true), "worker", "--duration", "8s"));
    assertEquals(Set.of("v1"), seen);
    assertEquals(1L, kafka.client().committedOffsets(id).values().stream().mapToLong(Long::longValue).sum(),
        "the worker commits what it processed when it stops");
  }

  @Test
  void agentsAndTopicsListTheDeclarations(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("cli-list");
    MephistoApp app = app(kafka, id);
    Topic<String, String> in = app.topic(id + "-orders", String.class, String.class).withPartitions(6);
    app.agent(in).name("order-counter").start(s -> { });
    StringWriter out = new StringWriter();
    assertEquals(0, Cli.run(app, new PrintWriter(out, true), "agents"));
    assertTrue(out.toString().contains("order-counter") && out.toString().contains(id + "-orders"), out::toString);
    out.getBuffer().setLength(0);
    assertEquals(0, Cli.run(app, new PrintWriter(out, true), "topics"));
    assertTrue(out.toString().matches("(?s).*" + id + "-orders\\s+6\\s+String\\s+String.*"), out::toString);
  }
}
