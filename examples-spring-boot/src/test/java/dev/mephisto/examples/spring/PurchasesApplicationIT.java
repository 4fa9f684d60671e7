package dev.mephisto.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mephisto.KeyValue;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.spring.PurchasesApplication.Purchase;
import dev.mephisto.examples.spring.PurchasesApplication.PurchaseDollars;
import dev.mephisto.spring.boot.MephistoLifecycle;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example Spring Boot app on the embedded broker: records sent to {@code purchases} go
 * through the agent beans to {@code purchases.dollars} and the {@code spent} table, Actuator's
 * health shows the worker's readiness, its meters are on the context's registry ({@code
 * /actuator/prometheus}), and closing the context commits what was processed.
 */
@WithKafka
class PurchasesApplicationIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90)).ignoringExceptions();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void agentBeansTurnPurchasesIntoDollarsAndTotalsWhileHealthShowsTheWorker(KafkaCluster kafka) {
    String id = "purchases-it";
    ConfigurableApplicationContext context = PurchasesApplication.application().run(
        "--mephisto.broker=kafka://" + kafka.bootstrapServers(), "--mephisto.id=" + id,
        "--server.port=0", "--demo.traffic=false",
        // no periodic commit during the test: only the graceful stop can commit
        "--mephisto.commit-interval=1h", "--mephisto.commit-every=1000000");
    MephistoLifecycle lifecycle = context.getBean(MephistoLifecycle.class);
    Codec json = Codecs.get("json");
    List<Purchase> sent = List.of(new Purchase("ann", "EUR", 1250), new Purchase("bob", "USD", 99),
        new Purchase("ann", "GBP", 20_000), new Purchase("chen", "CHF", 5),
        new Purchase("bob", "EUR", 1));
    try {
      String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
      assertTrue(lifecycle.isRunning());
      // the worker's contributor, in the overall health and in the readiness group: up once
      // the worker has its partitions (the group may still be forming right after the start)
      HttpResponse<String> readiness = AWAIT.until("the worker is ready",
          () -> get(base + "/actuator/health/readiness"), r -> r.statusCode() == 200);
      assertEquals("UP", status(readiness.body(), "mephisto"), readiness.body());
      assertEquals("running", detail(readiness.body(), "mephisto", "state"), readiness.body());
      HttpResponse<String> health = get(base + "/actuator/health");
      assertEquals(200, health.statusCode(), health.body());
      assertEquals("UP", status(health.body(), "mephisto"), health.body());

      List<KeyValue<byte[], byte[]>> records = new ArrayList<>();
      for (Purchase p : sent) {
        records.add(new KeyValue<>(p.username().getBytes(StandardCharsets.UTF_8), json.encode(p)));
      }
      kafka.client().produce("purchases", records);

      List<ConsumerRecord<byte[], byte[]>> out =
          AWAIT.until("5 purchases in dollars", () -> kafka.client().readAll("purchases.dollars"),
              r -> r.size() >= sent.size());
      List<PurchaseDollars> dollars = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : out) {
        dollars.add(json.decode(r.value(), PurchaseDollars.class));
      }
      List<PurchaseDollars> expected = sent.stream()
          .map(p -> new PurchaseDollars(p.username(), p.currency(), p.amount() / 100.0)).toList();
      assertEquals(sorted(expected), sorted(dollars));

      // the table bean, injected into a controller
      AWAIT.until("ann's total is served", () -> get(base + "/spent/ann").body(), "212.5"::equals);
      Map<String, Double> totals = new HashMap<>();
      for (PurchaseDollars d : expected) {
        totals.merge(d.username(), d.amount(), Double::sum);
      }
      AWAIT.until("every total is served", () -> parse(get(base + "/spent").body()), totals::equals);

      // the app's meters are on the context's registry: Actuator's Prometheus endpoint has them
      String prometheus = AWAIT.until("the agents' meters at /actuator/prometheus",
          () -> get(base + "/actuator/prometheus").body(),
          b -> Pattern.compile("(?m)^mephisto_records_in_total\\{agent=\"to-dollars\",app=\""
              + id + "\",topic=\"purchases\"} 5\\.0$").matcher(b).find());
      assertTrue(prometheus.contains("mephisto_agent_processing_seconds_count{agent=\"add-up\""),
          "the processing timer of 'add-up'");
      assertTrue(prometheus.contains("mephisto_records_out_total{agent=\"to-dollars\""),
          "records out of 'to-dollars'");
    } finally {
      context.close();
    }
    assertFalse(lifecycle.isRunning());
    // the graceful stop committed every processed offset: a new worker would not see them again
    Map<TopicPartition, Long> committed = kafka.client().committedOffsets(id);
    for (Map.Entry<TopicPartition, Long> end : kafka.client().endOffsets("purchases").entrySet()) {
      assertEquals(end.getValue(), committed.getOrDefault(end.getKey(), 0L),
          () -> "committed offset of " + end.getKey());
    }
  }

  @Test
  void withNoBrokerGivenItStartsAnEmbeddedOneAndRunsOnIt() {
    ConfigurableApplicationContext context = PurchasesApplication.application().run(
        "--server.port=0", "--mephisto.id=purchases-embedded");
    try {
      String broker = context.getEnvironment().getProperty("mephisto.broker");
      assertTrue(broker != null && broker.startsWith("kafka://127.0.0.1:"), broker);
      String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
      // demo traffic flows through both agents into the table
      AWAIT.until("totals of the demo's users", () -> !parse(get(base + "/spent").body()).isEmpty());
      AWAIT.until("the worker is up", () -> status(get(base + "/actuator/health").body(),
          "mephisto"), "UP"::equals);
    } finally {
      context.close();
    }
  }

  private static HttpResponse<String> get(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The status of a health component in Actuator's JSON: {@code components.<name>.status}. */
  private static String status(String json, String component) {
    try {
      return JSON.readTree(json).path("components").path(component).path("status")
          .asText("missing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A detail of a health component: {@code components.<name>.details.<detail>}. */
  private static String detail(String json, String component, String detail) {
    try {
      return JSON.readTree(json).path("components").path(component).path("details")
          .path(detail).asText("missing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code {"ann":212.5,"bob":1.0}} as a map. */
  private static Map<String, Double> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Double>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
  private static List<String> sorted(List<PurchaseDollars> list) {
    return list.stream().map(PurchaseDollars::toString).sorted().toList();
  }
}
