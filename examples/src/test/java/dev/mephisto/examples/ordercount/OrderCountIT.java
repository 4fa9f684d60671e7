package dev.mephisto.examples.ordercount;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.ordercount.OrderCount.Order;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@WithKafka
class OrderCountIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();
  static final String CHANGELOG = "order-count-order_count-changelog";

  @Test
  void countsOrdersPerAccountAfterGroupBy(KafkaCluster kafka) {
    String out;
    try (ExampleRun run = ExampleRun.start("order-count", kafka)) {
      AWAIT.until("40 orders counted", () -> ChangelogCounts.read(kafka, CHANGELOG).total() >= 40);
      AWAIT.until("the table printed", () -> run.output().contains("  order_count: acc-"));
      out = run.stop();
    }
    ChangelogCounts counts = ChangelogCounts.read(kafka, CHANGELOG);
    counts.assertEachAccountCountsUpInOnePartition();
    Map<String, Long> sent = kafka.client().readAll("order-count.orders").stream()
        .map(r -> Codecs.get("json").decode(r.value(), Order.class))
        .collect(Collectors.groupingBy(Order::accountId, Collectors.counting()));
    counts.finals().forEach((account, n) -> assertTrue(n <= sent.get(account),
        () -> account + " counted " + n + " times but has " + sent.get(account) + " orders"));
    assertTrue(out.lines().anyMatch(l -> l.matches("  order_count: (acc-\\d=\\d+ )+\\(\\d+ orders\\)")),
        out);
  }
}
