package dev.mephisto.examples.faustinterop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.examples.ExampleRun;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@WithKafka
class FaustInteropIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();

  private static List<String> values(KafkaCluster kafka) {
    return kafka.client().readAll(FaustInterop.VALUES).stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void answersFaustMessagesWithTheBytesFaustWrites(KafkaCluster kafka) {
    String out;
    try (ExampleRun run = ExampleRun.start("faust-interop", kafka)) {
      // One value per order, byte for byte what Python Faust writes for that OrderValue.
      AWAIT.until("a value for each of the 4 Faust orders",
          () -> new HashSet<>(values(kafka)).containsAll(FaustInterop.FAUST_VALUES));
      AWAIT.until("the Faust side printed them",
          () -> FaustInterop.FAUST_VALUES.stream().allMatch(v -> run.output().contains("faust <-  " + v)));
      out = run.stop();
    }
    List<String> values = values(kafka);
    assertTrue(FaustInterop.FAUST_VALUES.containsAll(values), () -> "unexpected bytes in " + values);
    // the timer keeps sending while the app stops: an order sent just before the stop is left,
    // uncommitted, for the next run. So: one value per order this run decoded, and every other
    // order still uncommitted (none lost)
    long answered = out.lines().filter(l -> l.startsWith("  java ")).count();
    assertEquals(answered, values.size(), "one value per decoded order, none lost or doubled");
    long orders = kafka.client().recordCount(FaustInterop.ORDERS);
    assertEquals(orders - answered, kafka.client().lag("faust-interop", FaustInterop.ORDERS),
        "the orders left undecoded are the ones not committed");
    Set<String> decoded = new HashSet<>(out.lines().filter(l -> l.startsWith("  java ")).toList());
    assertTrue(decoded.contains("  java      Order[accountId=acc-1, productId=p-400, amount=4,"
        + " price=12.5, currency=EUR]"),
        () -> "the plain dict without __faust or currency was decoded too:\n" + out);
    assertTrue(decoded.contains("  java      Order[accountId=acc-2, productId=p-200, amount=3,"
        + " price=0.1, currency=USD]"), () -> "snake_case fields read into camelCase:\n" + out);
  }
}
