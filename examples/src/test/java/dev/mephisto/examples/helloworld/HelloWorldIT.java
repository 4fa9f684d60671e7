package dev.mephisto.examples.helloworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.helloworld.HelloWorld.Purchase;
import dev.mephisto.examples.helloworld.HelloWorld.PurchaseDollars;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@WithKafka
class HelloWorldIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();

  @Test
  void convertsEveryPurchaseToFaustReadableDollars(KafkaCluster kafka) {
    // The other test writes to the same topics: look at this run's messages only.
    long since = System.currentTimeMillis();
    String out;
    try (ExampleRun run = ExampleRun.start("hello-world", kafka)) {
      AWAIT.until("10 lines printed", () -> run.output().split(" paid ").length > 10);
      out = run.stop();
    }
    Codec json = Codecs.get("json");
    List<Purchase> purchases = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll("purchases")) {
      if (r.timestamp() >= since) {
        Purchase p = json.decode(r.value(), Purchase.class);
        assertEquals(p.username(), new String(r.key(), StandardCharsets.UTF_8), "keyed by user");
        purchases.add(p);
      }
    }
    List<String> dollarLines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll("purchases.dollars")) {
      if (r.timestamp() < since) {
        continue;
      }
      String text = new String(r.value(), StandardCharsets.UTF_8);
      assertTrue(text.endsWith(", \"__faust\": {\"ns\": \"hello_world.PurchaseDollars\"}}"), text);
      PurchaseDollars d = json.decode(r.value(), PurchaseDollars.class);
      assertTrue(purchases.remove(new Purchase(d.username(), d.currency(),
          (int) Math.round(d.amount() * 100))), () -> d + " matches no purchase in " + purchases);
      dollarLines.add(String.format("%-8s paid %8.2f %s", d.username(), d.amount(), d.currency()));
    }
    // Every line printed was read back from purchases.dollars (the last few written before the
    // stop may not have been read yet).
    List<String> printed = out.lines().filter(l -> l.contains(" paid ")).toList();
    assertTrue(printed.size() >= 10, out);
    for (String line : printed) {
      assertTrue(dollarLines.remove(line), () -> "printed but not in purchases.dollars: " + line);
    }
    long total = kafka.client().recordCount("purchases.dollars");
    assertTrue(out.lines().anyMatch(
        l -> l.matches(" +purchases\\.dollars +" + total + " messages")), out);
  }

  @Test
  void mainRunsAsAWorkerOnTheBrokerThatMephistoBrokerNames(KafkaCluster kafka) {
    // As the README says: MEPHISTO_BROKER wins over the broker written in code.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    App app = HelloWorld.create(App.builder("hello-world-cli").broker("kafka://localhost:9092")
        .environment(Map.of("MEPHISTO_BROKER", "kafka://" + kafka.bootstrapServers(),
            "MEPHISTO_WEB_PORT", "0")), out);
    assertEquals(0, app.run("worker", "--duration", "6s"));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.lines().anyMatch(l -> l.matches("\\S+ +paid +\\d+\\.\\d\\d [A-Z]{3}")),
        () -> "purchases printed by the worker:\n" + printed);
  }
}
