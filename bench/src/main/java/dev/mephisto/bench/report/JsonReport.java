package dev.mephisto.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mephisto.bench.BenchOptions;
import dev.mephisto.bench.RunResult;
import dev.mephisto.bench.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;

/** Writes the results as JSON, with the settings and the machine they were measured on. */
public final class JsonReport {
  private JsonReport() {}

  /**
   * @param file where to write
   * @param options the settings of the bench run
   * @param results every run
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, BenchOptions options, List<RunResult> results) throws IOException {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("time", Instant.now().toString());
    root.put("kafkaVersion", AppInfoParser.getVersion());
    root.put("java", Runtime.version().toString());
    root.put("cpus", Runtime.getRuntime().availableProcessors());
    root.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1_000_000);
    root.put("records", options.records());
    root.put("restoreEntries", options.restoreEntries());
    root.put("partitions", options.partitions());
    root.put("repeat", options.repeat());
    root.put("warmupRecords", options.warmupRecords());
    root.put("broker", options.bootstrap().orElse("embedded"));
    ArrayNode runs = root.putArray("runs");
    for (RunResult r : results) {
      ObjectNode n = runs.addObject();
      n.put("workload", r.workload());
      n.put("implementation", r.implementation());
      n.put("ok", r.ok());
      n.put("message", r.message());
      n.put("records", r.records());
      n.put("bytes", r.bytes());
      n.put("seconds", r.seconds());
      n.put("startupSeconds", r.startupSeconds());
      n.put("recordsPerSecond", r.recordsPerSecond());
      n.put("mbPerSecond", r.mbPerSecond());
      putRatio(n, "ratioToRaw", r, TextReport.find(results, r.workload(), "raw").orElse(null));
      putRatio(n, "ratioToKafkaStreams", r,
          TextReport.find(results, r.workload(), "kafka-streams").orElse(null));
      n.put("heapPeakMb", r.heapPeakMb());
      n.put("heapRetainedMb", r.heapRetainedMb());
      ObjectNode nat = n.putObject("nativeMemoryBytes");
      r.nativeMemory().forEach(nat::put);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  private static void putRatio(ObjectNode n, String field, RunResult r, RunResult base) {
    if (r.ok() && base != null && base.ok() && base.recordsPerSecond() > 0) {
      n.put(field, r.recordsPerSecond() / base.recordsPerSecond());
    } else {
      n.putNull(field);
    }
  }
}
