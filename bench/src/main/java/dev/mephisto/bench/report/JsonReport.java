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
import java.util.Optional;
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
    root.put("broker", options.bootstrap().orElse(
        options.brokerJvm() == BenchOptions.BrokerPlacement.SEPARATE_JVM
            ? "embedded, own JVM" : "embedded, in the bench's JVM"));
    root.put("commitIntervalMs", options.commitInterval().toMillis());
    root.put("end", "durable: outputs acknowledged, changelogs written, input offsets committed "
        + "(final commit included), seen by an admin client; restore: table restored");
    List<Figure> figures = Figure.of(results);
    ArrayNode medians = root.putArray("figures");
    for (Figure f : figures) {
      ObjectNode n = medians.addObject();
      n.put("workload", f.workload());
      n.put("implementation", f.implementation());
      n.put("ok", f.ok());
      n.put("runs", f.runs());
      n.put("failed", f.failed());
      n.put("medianRecordsPerSecond", f.median());
      n.put("minRecordsPerSecond", f.min());
      n.put("maxRecordsPerSecond", f.max());
      n.put("medianMbPerSecond", f.medianMbPerSecond());
      n.put("medianSeconds", f.medianSeconds());
      n.put("medianStartupSeconds", f.medianStartupSeconds());
      n.put("shortRuns", f.shortRuns());
      n.put("loadMin", f.loadMin());
      n.put("loadMax", f.loadMax());
      putRatio(n, "ratioToRaw", f.ratioTo(Figure.find(figures, f.workload(), "raw")));
      putRatio(n, "ratioToKafkaStreams", f.ratioTo(Figure.find(figures, f.workload(), "kafka-streams")));
      n.put("message", f.message());
    }
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
      n.put("repeat", r.repeat());
      n.put("processedSeconds", r.processedSeconds());
      n.put("changelogRecords", r.changelogRecords());
      n.put("loadBefore", r.loadBefore());
      n.put("loadAfter", r.loadAfter());
      n.put("commitIntervalSeconds", r.commitIntervalSeconds());
      n.put("shortRun", r.shortRun());
      n.put("heapPeakMb", r.heapPeakMb());
      n.put("heapRetainedMb", r.heapRetainedMb());
      ObjectNode nat = n.putObject("nativeMemoryBytes");
      r.nativeMemory().forEach(nat::put);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  private static void putRatio(ObjectNode n, String field, Optional<Double> ratio) {
    if (ratio.isPresent()) {
      n.put(field, ratio.get());
    } else {
      n.putNull(field);
    }
  }
}
