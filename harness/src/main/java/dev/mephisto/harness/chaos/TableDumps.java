package dev.mephisto.harness.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.Window;
import dev.mephisto.WindowedTable;
import dev.mephisto.harness.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Worker side of "query the tables through the workers": when the harness writes a new
 * generation number to {@code dump-request} in the run's directory, each worker writes what its
 * active table partitions hold (the public {@link Table#items()} and {@link
 * WindowedTable#windows}) to {@code dump-<generation>.json} in its own directory.
 */
final class TableDumps {
  /** The request file in the run's directory. */
  static final String REQUEST = "dump-request";

  private final Path runDir;
  private final Path workerDir;
  private final int index;
  private final Table<String, Long> rocks;
  private final Table<String, Long> memory;
  private final WindowedTable<String, Long> windowed;
  private final int accounts;
  private long done;

  TableDumps(Path runDir, Path workerDir, int index, Table<String, Long> rocks,
      Table<String, Long> memory, WindowedTable<String, Long> windowed, int accounts) {
    this.runDir = runDir;
    this.workerDir = workerDir;
    this.index = index;
    this.rocks = rocks;
    this.memory = memory;
    this.windowed = windowed;
    this.accounts = accounts;
  }

  /** Answers a new request, if there is one (run by a timer). */
  void poll() {
    Path request = runDir.resolve(REQUEST);
    if (!Files.isRegularFile(request)) {
      return;
    }
    try {
      long generation = Long.parseLong(Files.readString(request, StandardCharsets.UTF_8).trim());
      if (generation <= done) {
        return;
      }
      ObjectNode root = Json.mapper().createObjectNode();
      root.put("worker", index);
      root.put("generation", generation);
      root.put("pid", ProcessHandle.current().pid());
      ObjectNode r = root.putObject(ChaosApp.ROCKSDB_TABLE);
      for (KeyValue<String, Long> kv : rocks.items()) {
        r.put(kv.key(), kv.value());
      }
      ObjectNode m = root.putObject(ChaosApp.MEMORY_TABLE);
      for (KeyValue<String, Long> kv : memory.items()) {
        m.put(kv.key(), kv.value());
      }
      ObjectNode w = root.putObject(ChaosApp.WINDOWED_TABLE);
      for (int a = 0; a < accounts; a++) {
        String account = ChaosData.accountName(a);
        for (Window win : windowed.windows(account)) {
          windowed.get(account).get(win).ifPresent(v ->
              w.put(ChaosData.windowKey(account, win.start().toEpochMilli()), v));
        }
      }
      Json.write(workerDir.resolve("dump-" + generation + ".json"), root);
      done = generation;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot answer the table dump request " + request, e);
    }
  }
}
