package dev.mephisto.testkit;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The apps a test builds and the directories their stores write, cleaned up after each test:
 * every app is stopped (the last built first), then every directory deleted. Register it as a
 * field; a {@code static} field cleans up after the test class instead.
 *
 * <pre>{@code
 * @WithKafka
 * class CountsIT {
 *   @RegisterExtension final TestApps apps = new TestApps();
 *
 *   @Test
 *   void counts(KafkaCluster kafka) {
 *     App app = apps.kafka(kafka, "counts", b -> b.store(apps.rocksdb("worker-a")));
 *     App fast = apps.memory("unit");               // memory:// broker, no Kafka needed
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Apps come from {@link App#builder(String)} as in production, so the runtime ({@code
 * mephisto-core}) must be on the test class path; testkit itself depends on the API only. Each
 * app ignores the environment ({@code MEPHISTO_*} variables of the machine running the tests),
 * serves its web pages on a free loopback port and uses the {@code string} value codec unless
 * the test's {@code configure} says otherwise.
 */
public final class TestApps implements AfterEachCallback, AfterAllCallback {
  private final List<App> apps = new ArrayList<>();
  private final List<Path> directories = new ArrayList<>();

  /** Creates the extension; register it with {@code @RegisterExtension}. */
  public TestApps() {}

  /**
   * @param id the app id
   * @return an app on the in-process {@code memory://} broker, stopped after the test
   */
  public App memory(String id) {
    return memory(id, b -> b);
  }

  /**
   * @param id the app id
   * @param configure changes to the builder (later settings win)
   * @return an app on the in-process {@code memory://} broker, stopped after the test
   */
  public App memory(String id, UnaryOperator<AppBuilder> configure) {
    return track(configure.apply(base(id).broker("memory://")).build());
  }

  /**
   * @param kafka the test's cluster
   * @param id the app id (also its consumer group)
   * @return an app on that cluster, committing every 200 ms, stopped after the test
   */
  public App kafka(KafkaCluster kafka, String id) {
    return kafka(kafka, id, b -> b);
  }

  /**
   * @param kafka the test's cluster
   * @param id the app id (also its consumer group)
   * @param configure changes to the builder (later settings win)
   * @return an app on that cluster, committing every 200 ms unless configured, stopped after
   *     the test
   */
  public App kafka(KafkaCluster kafka, String id, UnaryOperator<AppBuilder> configure) {
    Objects.requireNonNull(kafka, "kafka");
    return track(configure.apply(base(id).broker("kafka://" + kafka.bootstrapServers())
        .commitInterval(Duration.ofMillis(200))).build());
  }

  private static AppBuilder base(String id) {
    // a free port for the web server: tests run side by side
    return App.builder(id).valueCodec("string").environment(Map.of()).web("127.0.0.1", 0);
  }

  /**
   * @param app an app built by the test
   * @return the app, stopped after the test
   */
  public App track(App app) {
    Objects.requireNonNull(app, "app");
    synchronized (apps) {
      apps.add(app);
    }
    return app;
  }

  /**
   * @param app an app built by the test
   * @return the app, started now and stopped after the test
   */
  public App started(App app) {
    track(app).start();
    return app;
  }

  /**
   * @param name a name for the directory
   * @return a new empty directory, deleted after the test (after its apps stopped)
   */
  public Path directory(String name) {
    try {
      Path dir = Files.createTempDirectory("mephisto-test-" + name + "-");
      synchronized (directories) {
        directories.add(dir);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for '" + name + "'", e);
    }
  }

  /**
   * @param name a name for the store's directory
   * @return a {@code rocksdb://} store URL in a new directory, deleted after the test
   */
  public String rocksdb(String name) {
    return "rocksdb://" + directory(name).toAbsolutePath();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    cleanUp();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    cleanUp();
  }

  /** Stops every app (the last built first), then deletes every directory. */
  void cleanUp() {
    List<App> toStop;
    synchronized (apps) {
      toStop = new ArrayList<>(apps);
      apps.clear();
    }
    RuntimeException failure = null;
    for (int i = toStop.size() - 1; i >= 0; i--) {
      try {
        toStop.get(i).stop();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = new IllegalStateException("Stopping app '" + toStop.get(i).id()
              + "' after the test failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    List<Path> toDelete;
    synchronized (directories) {
      toDelete = new ArrayList<>(directories);
      directories.clear();
    }
    for (Path dir : toDelete) {
      try {
        delete(dir);
      } catch (IOException | UncheckedIOException e) {
        if (failure == null) {
          failure = new UncheckedIOException("Deleting '" + dir + "' after the test failed",
              e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
