package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker whose table runtime fails stops for real: running() turns false, `worker` returns 1. */
class WorkerFailureTest {
  @Test
  void aTableThatCannotOpenStopsTheWorkerAndTheWorkerCommandReturnsOne(@TempDir Path dir) {
    MephistoApp app = (MephistoApp) App.builder("fail-open").broker("memory://")
        .valueCodec("string").web("127.0.0.1", 0).environment(Map.of()).build();
    Table<String, Long> counts = app.table(TableSpec.of("counts", String.class, Long.class)
        .withDefault(0L).withStore("rocksdb://" + dir + "?configurer="
            + ExitStatusWorkerMain.FailingConfigurer.class.getName()));
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.agent(in, s -> s.forEach(v -> counts.update(v, n -> n + 1)));
    long t0 = System.nanoTime();
    int status = Cli.run(app, new PrintWriter(new StringWriter(), true), "worker", "--duration", "60s");
    assertEquals(1, status, "the worker command reports the failure");
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(50).toNanos(), "it did not wait for --duration");
    assertTrue(!app.running(), "running() is false");
    String why = app.failure().orElseThrow().getMessage();
    assertTrue(why.contains("refused by this RocksDB build"), why);
  }

  @Test
  void aCleanStopLeavesNoFailure() {
    MephistoApp app = (MephistoApp) App.builder("clean-stop").broker("memory://")
        .valueCodec("string").web("127.0.0.1", 0).environment(Map.of()).build();
    Topic<String, String> in = app.topic("in", String.class, String.class);
    app.agent(in, s -> s.forEach(v -> { }));
    assertEquals(0, Cli.run(app, new PrintWriter(new StringWriter(), true), "worker", "--duration", "1s"));
    assertTrue(app.failure().isEmpty());
  }
}
