package dev.mephisto.harness.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mephisto.harness.kafka.Broker;
import dev.mephisto.harness.process.WorkerJvm;
import dev.mephisto.harness.report.Json;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A small scale run (1 and 2 workers, little data): the harness produces a sane report. */
@WithKafka
class ScaleHarnessIT {
  private static final Path OUT = Path.of("target", "harness-it", "scale");

  @Test
  void measuresThroughputAndPausesPerPartitionForEachChange(KafkaCluster kafka) throws IOException {
    System.setProperty("java.awt.headless", "true");
    ScaleOptions o = new ScaleOptions(List.of(1, 2), 16, 4_000, 500, 300, Duration.ofSeconds(3),
        Duration.ofSeconds(90), Duration.ofSeconds(6), Optional.empty(),
        WorkerJvm.of("192m", "-XX:TieredStopAtLevel=1"), -1, 42, OUT,
        OUT.resolve("work"));
    ScaleResult r;
    try (Broker broker = Broker.connect(Optional.of(kafka.bootstrapServers()))) {
      r = new ScaleRun(o, broker, System.out).run();
    }
    String report = ScaleReport.text(r);
    System.out.print(report);
    ScaleReport.json(OUT.resolve("scale-results.json"), r);
    ScaleChart.write(OUT.resolve("scale-results.png"), r);

    assertEquals(List.of(1, 2), r.groups().stream().map(ScaleResult.Group::workers).toList());
    for (ScaleResult.Group g : r.groups()) {
      assertTrue(g.eventsPerSecond() > 0, report);
      assertEquals(0, g.unprocessed(), "every event processed at least once: " + report);
      assertTrue(g.events() > o.backlog(), report);
      assertEquals(16, g.normal().length, report);
      assertEquals(List.of("join", "leave", "kill"),
          g.changes().stream().map(ScaleResult.Change::kind).toList(), report);
      for (ScaleResult.Change c : g.changes()) {
        assertEquals(16, c.pauses().length, report);
        assertTrue(c.settledMillis() > c.atMillis(), "every partition resumed: " + report);
        for (long p : c.pauses()) {
          assertTrue(p >= 0 && p != PauseAnalyzer.NEVER, report);
        }
      }
      // a kill -9 stops every partition of the killed worker until the group notices it
      ScaleResult.Change kill = g.changes().get(2);
      assertTrue(kill.maxPause() > 0, report);
      assertEquals(g.workers() == 1, kill.restarted(), report);
    }
    JsonNode json = Json.mapper().readTree(OUT.resolve("scale-results.json").toFile());
    assertEquals(2, json.path("groups").size());
    assertEquals(16, json.path("groups").get(1).path("changes").get(0)
        .path("pauseMsPerPartition").size());
    Path png = OUT.resolve("scale-results.png");
    assertTrue(Files.size(png) > 10_000);
    assertTrue(ImageIO.read(png.toFile()).getHeight() > 1000);
  }
}
