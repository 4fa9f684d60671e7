package dev.mephisto.examples.missingdispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.missingdispatch.MissingDispatch.Alert;
import dev.mephisto.examples.missingdispatch.MissingDispatch.Dispatch;
import dev.mephisto.examples.missingdispatch.MissingDispatch.Order;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@WithKafka
class MissingDispatchIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();

  private static <T> List<T> read(KafkaCluster kafka, String topic, Class<T> type) {
    return kafka.client().readAll(topic).stream()
        .map(r -> Codecs.get("json").decode(r.value(), type)).toList();
  }

  @Test
  void reportsOnlyOrdersWithoutADispatchInTimeAndEachOnce(KafkaCluster kafka) {
    String out;
    try (ExampleRun run = ExampleRun.start("missing-dispatch", kafka)) {
      AWAIT.until("2 alerts printed", () -> run.output().split("ALERT ").length > 2);
      out = run.stop();
    }
    Map<String, Order> orders = new HashMap<>();
    read(kafka, MissingDispatch.ORDERS, Order.class).forEach(o -> orders.put(o.orderId(), o));
    Map<String, Instant> dispatchedAt = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll(MissingDispatch.DISPATCHES)) {
      Dispatch d = Codecs.get("json").decode(r.value(), Dispatch.class);
      dispatchedAt.put(d.orderId(), Instant.ofEpochMilli(r.timestamp()));
    }
    Set<String> alerted = new HashSet<>();
    for (Alert a : read(kafka, MissingDispatch.ALERTS, Alert.class)) {
      assertTrue(alerted.add(a.orderId()), () -> "alerted twice: " + a.orderId());
      Order o = orders.get(a.orderId());
      assertTrue(o != null && o.placedAt().equals(a.placedAt()), () -> "unknown order in " + a);
      Instant deadline = o.placedAt().plus(MissingDispatch.DEADLINE);
      assertFalse(a.raisedAt().isBefore(deadline), () -> "raised before the deadline: " + a);
      Instant dispatch = dispatchedAt.get(a.orderId());
      assertTrue(dispatch == null || dispatch.isAfter(deadline),
          () -> a.orderId() + " was dispatched at " + dispatch + ", before its deadline");
    }
    // Each alert printed was read back from the alerts topic.
    List<String> printed = out.lines().filter(l -> l.startsWith("  ALERT ")).toList();
    assertTrue(printed.size() >= 2, out);
    for (String line : printed) {
      assertTrue(alerted.contains(line.split(" ")[3]), () -> "printed but never sent: " + line);
    }
  }
}
