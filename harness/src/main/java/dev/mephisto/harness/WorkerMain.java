package dev.mephisto.harness;

import dev.mephisto.App;
import dev.mephisto.harness.chaos.ChaosApp;
import dev.mephisto.harness.chaos.ChaosWorkload;
import dev.mephisto.harness.process.ParentWatch;
import dev.mephisto.harness.scale.ScaleApp;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * A worker process of a harness run: {@code WorkerMain <worker.properties> <index>}. It builds the
 * run's app from the public API and runs its {@code worker} command until SIGTERM (a graceful
 * stop) or SIGKILL.
 */
public final class WorkerMain {
  private WorkerMain() {}

  /**
   * @param args the settings file and the worker index
   * @throws IOException if the settings cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("Usage: WorkerMain <worker.properties> <index>");
      System.exit(2);
    }
    ParentWatch.start(Duration.ofSeconds(1));
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
      p.load(r);
    }
    int index = Integer.parseInt(args[1]);
    WorkerSettings s = WorkerSettings.read(p);
    App app = switch (s.kind()) {
      case "chaos" -> ChaosApp.create(s, ChaosWorkload.read(p), index);
      case "scale" -> ScaleApp.create(s, p, index);
      default -> throw new IllegalArgumentException("Unknown workload '" + s.kind() + "'");
    };
    app.main("worker");
  }
}
