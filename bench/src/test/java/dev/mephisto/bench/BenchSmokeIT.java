package dev.mephisto.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.bench.report.ChartReport;
import dev.mephisto.bench.report.JsonReport;
import dev.mephisto.bench.report.TextReport;
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

/** Every workload, raw and Kafka Streams, on a tiny data set: each must verify. */
@WithKafka
class BenchSmokeIT {

  @Test
  void everyWorkloadVerifiesWithRawAndKafkaStreams(@BootstrapServers String bootstrap, @TempDir Path out)
      throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--records", "2000", "--restore-entries", "2000", "--warmup", "500",
              "--bootstrap", bootstrap, "--out", out.toString(), "--run-timeout", "60"
            },
            Implementations.names());
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<RunResult> results =
        new Bench(options, Implementations.all(), new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run();

    String table = TextReport.throughput(results);
    System.out.println(progress.toString(StandardCharsets.UTF_8));
    System.out.println(table);
    assertEquals(Workload.values().length * 2, results.size(), table);
    for (RunResult r : results) {
      assertTrue(r.ok(), r.workload() + " / " + r.implementation() + ": " + r.message());
      assertTrue(r.recordsPerSecond() > 0, r.workload() + " / " + r.implementation());
    }
    assertTrue(table.contains("x/raw"), table);

    JsonReport.write(out.resolve("r.json"), options, results);
    ChartReport.write(out.resolve("r.png"), "smoke", results);
    assertTrue(Files.readString(out.resolve("r.json")).contains("\"ratioToKafkaStreams\""));
    assertTrue(Files.size(out.resolve("r.png")) > 1000);
  }
}
