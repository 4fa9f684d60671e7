package dev.mephisto.examples.joins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.joins.ClickSessions.Session;
import dev.mephisto.examples.joins.OrdersEnriched.Enriched;
import dev.mephisto.examples.joins.PaymentFraud.Alert;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Smoke tests of the join and session examples on the embedded broker. */
@WithKafka
class JoinExamplesIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90)).ignoringExceptions();

  private static <T> List<T> read(KafkaCluster kafka, String topic, Class<T> type) {
    return kafka.client().readAll(topic).stream()
        .map(r -> Codecs.get("json").decode(r.value(), type)).toList();
  }

  @Test
  void ordersAreEnrichedWithTheirCustomer(KafkaCluster kafka) {
    String out;
    try (ExampleRun run = ExampleRun.start("orders-enriched", kafka)) {
      AWAIT.until("20 enriched orders", () -> read(kafka, OrdersEnriched.ENRICHED,
          Enriched.class).size() >= 20);
      out = run.stop();
    }
    for (Enriched e : read(kafka, OrdersEnriched.ENRICHED, Enriched.class)) {
      String id = e.customer().substring("Customer ".length());
      assertEquals(OrdersEnriched.customerOf(id).country(), e.country(), e::toString);
      assertTrue(Integer.parseInt(id.substring(1)) < OrdersEnriched.CUSTOMERS,
          () -> "an order of an unknown customer was not dropped: " + e);
      assertTrue(out.contains(e.orderId()), () -> e + " not printed");
    }
  }

  @Test
  void eachClosedSessionIsReportedOnceAndSessionsKeepTheirGap(KafkaCluster kafka) {
    try (ExampleRun run = ExampleRun.start("click-sessions", kafka)) {
      AWAIT.until("8 closed sessions", () -> read(kafka, ClickSessions.SESSIONS,
          Session.class).size() >= 8);
      run.stop();
    }
    Map<String, List<Session>> byUser = new HashMap<>();
    for (Session s : read(kafka, ClickSessions.SESSIONS, Session.class)) {
      assertTrue(s.clicks() >= 1 && !s.end().isBefore(s.start()), s::toString);
      byUser.computeIfAbsent(s.user(), u -> new ArrayList<>()).add(s);
    }
    for (List<Session> l : byUser.values()) {
      l.sort(Comparator.comparing(Session::start));
      for (int i = 1; i < l.size(); i++) {
        Session a = l.get(i - 1);
        Session b = l.get(i);
        // Window ends 1 ms after the last click: the next session starts a gap or more later
        assertTrue(!b.start().isBefore(a.end().minusMillis(1).plus(ClickSessions.GAP)),
            () -> "sessions closer than the gap: " + a + " " + b);
      }
    }
  }

  @Test
  void paymentsWithoutALoginBeforeThemAlert(KafkaCluster kafka) {
    try (ExampleRun run = ExampleRun.start("payment-fraud", kafka)) {
      run.awaitOrExplain(() -> AWAIT.until("3 alerts",
          () -> read(kafka, PaymentFraud.ALERTS, Alert.class).size() >= 3));
      run.stop();
    }
    java.util.Set<String> alerted = new java.util.HashSet<>();
    for (Alert a : read(kafka, PaymentFraud.ALERTS, Alert.class)) {
      assertTrue(a.paymentId().startsWith(PaymentFraud.NO_LOGIN),
          () -> "a payment with a login before it alerted: " + a);
      assertTrue(alerted.add(a.paymentId()), () -> "a payment alerted twice: " + a);
    }
  }
}
