package dev.mephisto.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.bench.latency.LatencyOptions;
import dev.mephisto.bench.latency.LatencyReport;
import dev.mephisto.bench.latency.LatencyResult;
import dev.mephisto.testkit.BootstrapServers;
import dev.mephisto.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency mode at a tiny rate, with both producer profiles: every measured record of every
 * implementation arrives once and gets a latency. No timing is asserted.
 */
@WithKafka
class LatencySmokeIT {

  @Test
  void everyImplementationDeliversEveryMeasuredRecordWithBothProducerProfiles(
      @BootstrapServers String bootstrap, @TempDir Path out) throws Exception {
    LatencyOptions options = LatencyOptions.parse(
        new String[] {
          "--latency", "--rates", "200", "--duration", "2s", "--warmup", "500ms", "--repeat", "1",
          "--producer", "equal,defaults", "--bootstrap", bootstrap, "--out", out.toString()
        },
        Implementations.names());
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<LatencyResult> results = new LatencyBench(
        options, Implementations.all(), new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

    String table = LatencyReport.table(results);
    System.out.println(progress.toString(StandardCharsets.UTF_8));
    System.out.println(table);
    assertEquals(6, results.size(), table);
    for (LatencyResult r : results) {
      String run = r.profile() + " / " + r.implementation() + ": " + r.message();
      assertTrue(r.ok(), run);
      assertEquals(400, r.sent(), run);
      assertEquals(400, r.received(), run);
      assertTrue(r.p50() > 0 && r.p50() <= r.p99() && r.p99() <= r.p999() && r.p999() <= r.max(), run);
      // the worst spike is the maximum (the histogram keeps 3 significant digits)
      assertTrue(!r.spikes().isEmpty() && Math.abs(r.spikes().get(0)[1] - r.max()) <= r.max() / 100 + 0.01,
          run + ": worst spike " + r.spikes().get(0)[1] + " ms, max " + r.max() + " ms");
      for (double[] spike : r.spikes()) {
        assertTrue(spike[0] >= -0.1 && spike[0] <= 2.1, run + ": spike at " + spike[0] + " s");
      }
    }
    for (String impl : List.of("raw kafka-clients", "Kafka Streams", "Mephisto")) {
      assertTrue(table.lines().filter(l -> l.contains(impl)).count() == 2, table);
    }
    LatencyReport.write(out.resolve("latency.json"), options, results);
    assertTrue(Files.readString(out.resolve("latency.json")).contains("\"p99Ms\""));
  }
}
