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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every workload with every implementation (raw, Kafka Streams, Mephisto) on a tiny data set. */
@WithKafka
class BenchSmokeIT {

  @Test
  void everyWorkloadVerifiesWithEveryImplementation(@BootstrapServers String bootstrap, @TempDir Path out)
      throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--records", "2000", "--restore-entries", "2000", "--warmup", "500",
              "--bootstrap", bootstrap, "--out", out.toString(), "--run-timeout", "60",
              "--repeat", "1", "--commit-interval", "200ms"
            },
            Implementations.names());
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<RunResult> results =
        new Bench(options, Implementations.all(), new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run();

    String table = TextReport.throughput(results);
    System.out.println(progress.toString(StandardCharsets.UTF_8));
    System.out.println(table);
    Set<String> ran = new TreeSet<>();
    for (RunResult r : results) {
      assertTrue(r.ok(), r.workload() + " / " + r.implementation() + ": " + r.message());
      assertTrue(r.recordsPerSecond() > 0, r.workload() + " / " + r.implementation());
      if (!r.workload().equals("restore")) {
        // The durability observer, not the implementation's counter, ended the run: never before
        // the last record was counted, and with the changelog written for the stateful ones.
        assertTrue(r.seconds() >= r.processedSeconds(), r.workload() + " / " + r.implementation()
            + ": durable at " + r.seconds() + " s, last record at " + r.processedSeconds() + " s");
        assertTrue(r.commitIntervalSeconds() == 0.2, r.toString());
      }
      if (Set.of("count", "count-rocksdb", "windowed-count", "repartition").contains(r.workload())) {
        assertTrue(r.message().contains("changelog records when durable") && r.changelogRecords() > 0,
            r.workload() + " / " + r.implementation() + ": " + r.message());
      }
      ran.add(r.workload() + "/" + r.implementation());
    }
    Set<String> expected = new TreeSet<>();
    for (Workload w : Workload.values()) {
      for (String impl : List.of("raw", "kafka-streams", "mephisto")) {
        expected.add(w.id() + "/" + impl);
      }
    }
    assertEquals(expected, ran, table);
    for (RunResult r : results) {
      if (r.workload().equals("count-rocksdb") && !r.implementation().equals("raw")) {
        // Kafka Streams' metrics and Mephisto's gauges both report RocksDB memory
        assertTrue(r.nativeMemory().containsKey("size-all-mem-tables"), r.toString());
      }
    }
    assertTrue(table.contains("x/raw"), table);

    JsonReport.write(out.resolve("r.json"), options, results);
    ChartReport.write(out.resolve("r.png"), "smoke", results);
    assertTrue(Files.readString(out.resolve("r.json")).contains("\"ratioToKafkaStreams\""));
    assertTrue(Files.size(out.resolve("r.png")) > 1000);
  }
}
