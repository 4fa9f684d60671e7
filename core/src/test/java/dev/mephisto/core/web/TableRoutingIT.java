package dev.mephisto.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two workers on the real broker: a table lookup made at one worker for a key the other holds is
 * forwarded there and says who served it; scans gather every worker's entries; keys in URLs are
 * parsed with the table's key type.
 */
@WithKafka
class TableRoutingIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private final List<App> apps = new ArrayList<>();

  @AfterEach
  void stop() {
    apps.forEach(App::stop);
  }

  private App worker(KafkaCluster kafka, String id) {
    return OrderCounter.start(kafka, id, apps);
  }

  private static String address(App app) {
    return OrderCounter.address(app);
  }

  @Test
  void aKeyHeldByTheOtherWorkerIsAnsweredThereAndSaysWhoServedIt(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("routing");
    App a = worker(kafka, id);
    App b = worker(kafka, id);
    AWAIT.until("both workers hold partitions", () -> OrderCounter.allAssigned(apps));
    List<KeyValue<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      for (int n = 0; n <= i % 5; n++) {
        records.add(KeyValue.of("k" + i, "o" + n));
      }
    }
    kafka.client().produceStrings(id + "-orders", records);
    AWAIT.until("all orders counted", () -> kafka.client().lag(id, id + "-orders") == 0);

    // find a key whose partition b holds, then ask a
    List<String> candidates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      candidates.add("k" + i);
    }
    String keyOfB = OrderCounter.keyHeldBy(b, id + "-orders", 4, candidates);
    long expected = Integer.parseInt(keyOfB.substring(1)) % 5 + 1;
    String key = keyOfB;
    WebClient.Reply r = AWAIT.until("the lookup at a is answered", () -> WebClient.get(a,
        "/tables/counts/" + key), x -> x.status() == 200);
    Map<String, Object> json = r.json();
    assertEquals(expected, json.get("value"), r.body());
    assertEquals(Boolean.TRUE, json.get("found"), r.body());
    @SuppressWarnings("unchecked")
    Map<String, Object> servedBy = (Map<String, Object>) json.get("servedBy");
    assertEquals(address(b), servedBy.get("address"), "b holds the key and answers: " + r.body());
    assertEquals(address(a), json.get("forwardedBy"), r.body());
    assertNotEquals(address(a), servedBy.get("address"));

    // the same key asked at b is answered by b itself
    WebClient.Reply direct = WebClient.get(b, "/tables/counts/" + key);
    assertEquals(200, direct.status(), direct.body());
    assertEquals(null, direct.json().get("forwardedBy"));

    // absent keys: 404 from the holder, never a guess
    WebClient.Reply absent = WebClient.get(a, "/tables/counts/no-such-key");
    assertEquals(404, absent.status(), absent.body());
    assertEquals(Boolean.FALSE, absent.json().get("found"));

    // scans gather every worker's partitions
    WebClient.Reply scan = WebClient.get(a, "/tables/counts?prefix=k1&limit=100");
    assertEquals(200, scan.status(), scan.body());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) scan.json().get("entries");
    Set<Object> keys = entries.stream().map(e -> e.get("key")).collect(Collectors.toSet());
    Set<String> want = new java.util.TreeSet<>();
    for (int i = 0; i < 40; i++) {
      if (("k" + i).startsWith("k1")) {
        want.add("k" + i);
      }
    }
    assertEquals(want, keys, scan.body());
    assertEquals(Set.of(address(a), address(b)), entries.stream().map(e -> e.get("servedBy"))
        .collect(Collectors.toSet()), "entries come from both workers: " + scan.body());
    WebClient.Reply limited = WebClient.get(a, "/tables/counts?limit=3");
    assertEquals(3, ((List<?>) limited.json().get("entries")).size(), limited.body());
    assertEquals(Boolean.TRUE, limited.json().get("truncated"), limited.body());
    WebClient.Reply range = WebClient.get(a, "/tables/counts?from=k10&to=k13");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inRange = (List<Map<String, Object>>) range.json().get("entries");
    assertEquals(List.of("k10", "k11", "k12"), inRange.stream().map(e -> e.get("key")).toList(),
        range.body());
  }

  @Test
  void keysAreParsedWithTheTablesKeyTypeAndBadOnesAreRefused(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("routing-keys");
    App a = worker(kafka, id);
    AWAIT.until("a holds partitions", () ->
        !((MephistoApp) a).conductor().orElseThrow().assignment().isEmpty());
    WebClient.Reply bad = WebClient.get(a, "/tables/by_number/not-a-number");
    assertEquals(400, bad.status(), bad.body());
    assertEquals("Key 'not-a-number' of table 'by_number' is not a Long: not a number in range",
        bad.json().get("error"));
    WebClient.Reply good = AWAIT.until("a number key is looked up",
        () -> WebClient.get(a, "/tables/by_number/42"), x -> x.status() == 404);
    assertEquals(42L, good.json().get("key"), good.body());
    WebClient.Reply unknown = WebClient.get(a, "/tables/nope/1");
    assertEquals(404, unknown.status());
    assertTrue(unknown.json().get("error").toString().contains("tables: [counts, by_number]"),
        unknown.body());
    WebClient.Reply tables = WebClient.get(a, "/tables");
    assertEquals(200, tables.status());
    assertTrue(tables.body().contains("\"name\":\"counts\"") && tables.body().contains(
        "\"changelog\":\"" + id + "-counts-changelog\""), tables.body());
  }
}
