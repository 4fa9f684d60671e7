package dev.mephisto.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.Await;
import dev.mephisto.web.PageResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's web server on the in-memory broker: probes, stalls, pages, settings. */
class WorkerWebTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(30));
  private final List<App> apps = new ArrayList<>();

  @AfterEach
  void stop() {
    apps.forEach(App::stop);
  }

  private AppBuilder builder(String id) {
    return App.builder(id).broker("memory://").valueCodec("string").web("127.0.0.1", 0)
        .environment(Map.of());
  }

  private App track(App app) {
    apps.add(app);
    return app;
  }

  @Test
  void healthAndReadinessFollowTheWorker() {
    App app = track(builder("web-probes").build());
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.agent(in, s -> s.forEach(v -> { }));
    assertEquals(-1, ((MephistoApp) app).web().port(), "nothing is served before start()");
    app.start();
    WebClient.Reply ready = AWAIT.until("ready", () -> WebClient.get(app, "/ready"),
        r -> r.status() == 200);
    assertEquals("READY", ready.json().get("status"));
    assertEquals("RUNNING", ready.json().get("state"));
    WebClient.Reply health = WebClient.get(app, "/health");
    assertEquals(200, health.status(), health.body());
    assertEquals(List.of(), health.json().get("stalled"));
    WebClient.Reply agents = WebClient.get(app, "/agents");
    assertTrue(agents.body().contains("\"topics\":[\"in\"]"), agents.body());
    assertEquals(404, WebClient.get(app, "/nothing-here").status());
    String base = WebClient.base(app);
    app.stop();
    assertThrows(java.io.UncheckedIOException.class, () -> WebClient.get(base + "/health"),
        "the server closes with the worker");
  }

  @Test
  void aPartitionWhoseAgentHangsIsReportedStalledOnceAndFailsLivenessWhenAsked() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    App app = track(builder("web-stall").stallTimeout(Duration.ofSeconds(1))
        .stallFailsLiveness(true).build());
    Topic<String, String> in = app.topic("in", String.class, String.class).withPartitions(1);
    app.agent(in, s -> {
      for (String v : s) {
        if (v.equals("hang")) {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    });
    app.start();
    in.send("k", "hang").get();
    in.send("k", "after").get();
    WebClient.Reply down = AWAIT.until("health fails", () -> WebClient.get(app, "/health"),
        r -> r.status() == 503);
    assertEquals("DOWN", down.json().get("status"));
    List<?> stalled = (List<?>) down.json().get("stalled");
    assertEquals(1, stalled.size(), down.body());
    assertTrue(down.body().contains("in flight and none done"), down.body());
    String metrics = WebClient.get(app, "/metrics").body();
    assertTrue(metrics.contains("mephisto_partition_stalled{app=\"web-stall\",partition=\"0\",topic=\"in\"} 1.0"),
        metrics);
    Thread.sleep(1500); // more samples of the same stall must not count again
    assertTrue(WebClient.get(app, "/metrics").body()
        .contains("mephisto_stalls_total{app=\"web-stall\"} 1.0"), "one episode, counted once");
    release.countDown();
    AWAIT.until("health recovers", () -> WebClient.get(app, "/health").status() == 200);
  }

  @Test
  void applicationPagesAreServedAndMephistosPathsAreNotTheirs() {
    App app = track(builder("web-pages").build());
    app.page("/greeting", r -> PageResponse.json("{\"hello\":\"" + r.query("name").orElse("world")
        + "\"}").withHeader("X-Greeter", "mephisto"));
    app.page("/boom", r -> {
      throw new IllegalStateException("broken page");
    });
    ConfigurationException taken = assertThrows(ConfigurationException.class,
        () -> app.page("/tables/mine", r -> PageResponse.text("no")));
    assertEquals("Page path '/tables/mine' is taken by Mephisto's '/tables'; choose another, "
        + "e.g. '/app/tables/mine'", taken.getMessage());
    assertThrows(ConfigurationException.class, () -> app.page("/greeting", r -> null));
    app.start();
    WebClient.Reply r = WebClient.get(app, "/greeting?name=ann");
    assertEquals(200, r.status());
    assertEquals(Map.of("hello", "ann"), r.json());
    assertEquals(200, WebClient.get(app, "/greeting/sub").status(), "paths below it are its own");
    WebClient.Reply boom = WebClient.get(app, "/boom");
    assertEquals(500, boom.status());
    assertEquals("broken page", boom.json().get("error"));
    app.page("/late", x -> PageResponse.text("added after start"));
    assertEquals("added after start", WebClient.get(app, "/late").body());
  }

  @Test
  void theApplicationsOwnRegistryGetsTheMeters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    App app = track(builder("web-registry").meterRegistry(registry).build());
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.agent(in).name("echoer").start(s -> s.forEach(v -> { }));
    app.start();
    in.send("k", "v");
    AWAIT.until("the record is counted in the application's registry", () -> {
      var c = registry.find("mephisto.records.in").tag("agent", "echoer").counter();
      return c != null && c.count() == 1.0;
    });
    assertTrue(WebClient.get(app, "/metrics").body().contains(
        "mephisto_records_in_total{agent=\"echoer\",app=\"web-registry\",topic=\"in\"} 1.0"));
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> builder("web-bad-registry").meterRegistry("not a registry").build());
    assertTrue(e.getMessage().startsWith("Setting 'meterRegistry' was 'not a registry' of "
        + "java.lang.String but it should be an io.micrometer.core.instrument.MeterRegistry"),
        e.getMessage());
  }

  @Test
  void aTakenPortFailsStartWithWhatToDoAndTheServerCanBeTurnedOff() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      App app = track(builder("web-taken").web("127.0.0.1", taken.getLocalPort()).build());
      ConfigurationException e = assertThrows(ConfigurationException.class, app::start);
      assertTrue(e.getMessage().contains("Set 'webPort' to a free port, 0 to pick one, or turn "
          + "the web server off with web(false)"), e.getMessage());
      App off = track(builder("web-off").web("127.0.0.1", taken.getLocalPort()).web(false).build());
      off.start();
      assertEquals(-1, ((MephistoApp) off).web().port());
    }
  }
}
