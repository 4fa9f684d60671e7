package dev.mephisto.harness.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mephisto.harness.Poll;
import dev.mephisto.harness.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Harness side of "query the tables through the workers" ({@link TableDumps}): asks every running
 * worker for what its active table partitions hold and merges the answers. A key that two
 * workers both hold is a conflict (a partition active twice).
 */
final class DumpCollector {
  /**
   * The merged answer.
   *
   * @param tables per table, value per key
   * @param conflicts keys more than one worker answered for
   * @param workers how many workers answered
   */
  record Dumps(Map<String, Map<String, Long>> tables, List<String> conflicts, int workers) {
    Map<String, Long> table(String name) {
      return tables.getOrDefault(name, Map.of());
    }
  }

  private static final List<String> TABLES =
      List.of(ChaosApp.ROCKSDB_TABLE, ChaosApp.MEMORY_TABLE, ChaosApp.WINDOWED_TABLE);

  private final WorkerSettings settings;
  private long generation;

  DumpCollector(WorkerSettings settings) {
    this.settings = settings;
  }

  /**
   * @param workers the workers to ask (the running ones)
   * @param timeout how long they may take
   * @return the merged answers
   * @throws IllegalStateException if a worker did not answer in time
   */
  Dumps collect(List<Integer> workers, Duration timeout) {
    generation++;
    long gen = generation;
    try {
      Path tmp = settings.workDir().resolve(TableDumps.REQUEST + ".tmp");
      Files.writeString(tmp, Long.toString(gen), StandardCharsets.UTF_8);
      Files.move(tmp, settings.workDir().resolve(TableDumps.REQUEST),
          StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Path> files = workers.stream()
        .map(i -> settings.workerDir(i).resolve("dump-" + gen + ".json")).toList();
    if (!Poll.until(timeout, Duration.ofMillis(100), () -> files.stream().allMatch(Files::isRegularFile))) {
      throw new IllegalStateException("Workers did not answer table dump request " + gen
          + " within " + timeout.toSeconds() + " s; missing: "
          + files.stream().filter(f -> !Files.isRegularFile(f)).toList());
    }
    Map<String, Map<String, Long>> tables = new HashMap<>();
    List<String> conflicts = new ArrayList<>();
    for (Path f : files) {
      JsonNode root = read(f);
      for (String t : TABLES) {
        Map<String, Long> merged = tables.computeIfAbsent(t, k -> new HashMap<>());
        root.path(t).properties().forEach(e -> {
          Long before = merged.putIfAbsent(e.getKey(), e.getValue().asLong());
          if (before != null) {
            conflicts.add(t + " " + e.getKey() + " held by two workers (" + before + " and "
                + e.getValue().asLong() + ")");
          }
        });
      }
    }
    return new Dumps(tables, conflicts, files.size());
  }

  private static JsonNode read(Path f) {
    try {
      return dev.mephisto.harness.report.Json.mapper().readTree(f.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read table dump " + f, e);
    }
  }
}
