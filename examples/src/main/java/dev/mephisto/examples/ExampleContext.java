package dev.mephisto.examples;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What an {@link Example} gets from the launcher: app builders pointed at the broker of this run,
 * the console, and when to stop.
 */
public final class ExampleContext {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

  private final String broker;
  private final boolean embedded;
  private final LaunchOptions options;
  private final PrintStream out;
  private final Map<String, String> environment;
  private final CountDownLatch stop;
  private final List<Path> temporaryDirs = new ArrayList<>();
  private final long startNanos = System.nanoTime();

  /**
   * @param broker the broker URL apps use, {@code kafka://host:port}
   * @param embedded true if the launcher started that broker for this run
   * @param options the launch options (duration, registry, state directory)
   * @param out the console
   * @param environment variables apps read {@code MEPHISTO_*} settings from
   * @param stop counted down when the run must stop (Ctrl-C, or a test)
   */
  public ExampleContext(String broker, boolean embedded, LaunchOptions options, PrintStream out,
      Map<String, String> environment, CountDownLatch stop) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.embedded = embedded;
    this.options = Objects.requireNonNull(options, "options");
    this.out = Objects.requireNonNull(out, "out");
    Map<String, String> env = new HashMap<>(environment);
    env.remove("MEPHISTO_BROKER"); // the launcher already chose the broker; code must win here
    this.environment = Map.copyOf(env);
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  /**
   * An app builder for this run: the broker chosen by the launcher, 4 partitions per created
   * topic, offsets committed every 500 ms and a short shutdown, so a demo stops quickly.
   *
   * @param id the app id (also its consumer group)
   * @return a builder to add settings to and {@code build()}
   */
  public AppBuilder app(String id) {
    return App.builder(id)
        .broker(broker)
        .environment(environment)
        .topicPartitions(4)
        .commitInterval(Duration.ofMillis(500))
        .web("127.0.0.1", 0) // several examples may share a JVM; the address is logged
        .shutdownTimeout(Duration.ofSeconds(10));
  }

  /** @return the console; examples print what happens here */
  public PrintStream out() {
    return out;
  }

  /** @return the broker URL of this run */
  public String broker() {
    return broker;
  }

  /** @return true if the broker was started by the launcher for this run only */
  public boolean embeddedBroker() {
    return embedded;
  }

  /** @return how long {@link #run(App...)} lets the apps run */
  public Duration duration() {
    return options.duration();
  }

  /** @return the Schema Registry URL given with {@code --registry}, if any */
  public Optional<String> registry() {
    return options.registry();
  }

  /**
   * A directory for on-disk state: {@code <--state-dir>/<name>} when {@code --state-dir} was
   * given (kept, so a second run continues), else a temporary directory deleted after the run.
   *
   * @param name a sub-directory name, e.g. the app id
   * @return the directory, created
   */
  public Path stateDir(String name) {
    try {
      if (options.stateDir().isPresent()) {
        return Files.createDirectories(options.stateDir().get().resolve(name));
      }
      Path dir = Files.createTempDirectory("mephisto-" + name + "-");
      temporaryDirs.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the state directory for '" + name + "'", e);
    }
  }

  /**
   * Starts the apps, lets them run for {@link #duration()} or until Ctrl-C, then stops them.
   *
   * @param apps the apps, started in this order and stopped in reverse
   */
  public void run(App... apps) {
    run(duration(), apps);
  }

  /**
   * Starts the apps, lets them run for {@code howLong} or until Ctrl-C, then stops them.
   *
   * @param howLong how long to run
   * @param apps the apps, started in this order and stopped in reverse
   */
  public void run(Duration howLong, App... apps) {
    List<App> started = new ArrayList<>();
    try {
      for (App app : apps) {
        app.start();
        started.add(app);
      }
      if (!stopRequested()) {
        say("running for %s (Ctrl-C stops earlier)", human(howLong));
        awaitStop(howLong);
      }
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).stop();
      }
    }
    say("stopped%s", stopRequested() ? " (stop requested)" : "");
  }

  /**
   * Waits until the run must stop or {@code max} passed.
   *
   * @param max the longest wait
   * @return true if the run must stop (Ctrl-C), false if {@code max} passed first
   */
  public boolean awaitStop(Duration max) {
    try {
      return stop.await(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** @return true once the run must stop */
  public boolean stopRequested() {
    return stop.getCount() == 0;
  }

  /**
   * Prints a launcher line, prefixed with the seconds since the run began.
   *
   * @param format a {@link String#format} pattern
   * @param args its arguments
   */
  public void say(String format, Object... args) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf(Locale.ROOT, "[%5.1fs] %s%n", seconds, String.format(Locale.ROOT, format, args));
  }

  /**
   * Counts the messages a topic holds now (end minus start offsets over its partitions).
   *
   * @param topic the topic
   * @return the count, or empty if the broker cannot tell within a few seconds
   */
  public Optional<Long> messagesIn(String topic) {
    if (!broker.startsWith("kafka://")) {
      return Optional.empty();
    }
    Map<String, Object> props = new HashMap<>();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        String.join(",", broker.substring("kafka://".length()).split(";")));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      d.partitions().forEach(p -> {
        earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
      });
      long total = 0;
      var starts = admin.listOffsets(earliest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      var ends = admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      for (var e : ends.entrySet()) {
        total += e.getValue().offset() - starts.get(e.getKey()).offset();
      }
      return Optional.of(total);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) { // a summary line is not worth failing the run for
      return Optional.empty();
    }
  }

  /**
   * Prints {@code topic: n messages} for each topic.
   *
   * @param topics topic names
   */
  public void printTopicCounts(String... topics) {
    if (embedded && stopRequested()) { // Ctrl-C stops the embedded broker at the same time
      out.println("  (no counts: the embedded broker is shutting down)");
      return;
    }
    for (String topic : topics) {
      out.printf("  %-40s %s%n", topic,
          messagesIn(topic).map(n -> n + " messages").orElse("(count not available)"));
    }
  }

  /** Deletes the temporary state directories; called by the launcher after the run. */
  void cleanUp() {
    for (Path dir : temporaryDirs) {
      deleteRecursively(dir);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a leftover file in the temp directory harms nobody
        }
      });
    } catch (IOException ignored) {
      // same
    }
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}
