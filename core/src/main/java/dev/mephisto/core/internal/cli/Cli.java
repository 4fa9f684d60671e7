package dev.mephisto.core.internal.cli;

import dev.mephisto.Topic;
import dev.mephisto.core.internal.Failures;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.internal.SettingsParser;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The app's command line: {@code worker}, {@code send}, {@code agents}, {@code topics}. */
public final class Cli {
  private static final Logger log = LoggerFactory.getLogger(Cli.class);
  private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private Cli() {}

  /**
   * @param app the app
   * @param args command-line arguments
   * @return the exit status
   */
  public static int run(MephistoApp app, String... args) {
    return run(app, new PrintWriter(System.out, true), args);
  }

  /**
   * @param app the app
   * @param out where commands print
   * @param args command-line arguments
   * @return the exit status
   */
  public static int run(MephistoApp app, PrintWriter out, String... args) {
    return run(app, out, new PrintWriter(System.err, true), args);
  }

  /**
   * @param app the app
   * @param out where commands print
   * @param err where errors and usage after a wrong argument go
   * @param args command-line arguments
   * @return the exit status: 0 on success, 1 when the command failed, 2 for wrong arguments
   */
  public static int run(MephistoApp app, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Root(app));
    cl.setOut(out);
    cl.setErr(err);
    cl.addSubcommand(new CommandLine(new Worker(app)));
    cl.addSubcommand(new CommandLine(new Send(app)));
    cl.addSubcommand(new CommandLine(new Agents(app)));
    cl.addSubcommand(new CommandLine(new Topics(app)));
    OpsCommands.register(cl, app);
    cl.getSubcommands().values().forEach(c -> {
      c.setOut(out);
      c.setErr(err);
    });
    // a failing command prints one line saying what failed, not a stack trace
    cl.setExecutionExceptionHandler((e, command, parsed) -> {
      command.getErr().println("Error: " + Failures.describe(e));
      log.debug("Stack trace of the command's failure", e);
      return 1;
    });
    return cl.execute(args);
  }

  @Command(name = "app", mixinStandardHelpOptions = true,
      description = "A Mephisto app. Commands: worker, send, agents, topics, tables, table get, "
          + "models, reset, dlq replay.")
  static final class Root implements Runnable {
    private final MephistoApp app;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Root(MephistoApp app) {
      this.app = app;
    }

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("App '" + app.id() + "' on " + app.settings().broker());
      spec.commandLine().usage(out);
    }
  }

  @Command(name = "worker", mixinStandardHelpOptions = true,
      description = "Runs the worker until SIGTERM/Ctrl-C (or --duration), then stops gracefully. "
          + "Exits 0 after a clean stop, 1 when the worker stopped because something failed.")
  static final class Worker implements java.util.concurrent.Callable<Integer> {
    private final MephistoApp app;

    @Option(names = "--duration", converter = DurationConverter.class,
        description = "Stop after this long, e.g. 30s, 5m or PT1M.")
    Duration duration;

    Worker(MephistoApp app) {
      this.app = app;
    }

    @Override
    public Integer call() throws InterruptedException {
      CountDownLatch stopRequested = new CountDownLatch(1);
      // signals end the wait below, so that main returns the worker's status; the hook covers a
      // JVM that exits for another reason (or whose signals cannot be caught)
      Thread hook = new Thread(app::stop, app.id() + "-shutdown");
      try (StopSignals signals = StopSignals.install(stopRequested::countDown)) {
        Runtime.getRuntime().addShutdownHook(hook);
        if (!signals.installed()) {
          log.debug("SIGTERM/SIGINT end the JVM with its own status after the worker stopped");
        }
        try {
          app.start();
        } catch (RuntimeException e) {
          log.error("The worker of app '{}' could not start: {}", app.id(), Failures.describe(e));
          log.debug("Stack trace of the start failure", e);
          app.stop();
          return 1;
        }
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (app.running()) {
          long left = deadline - System.nanoTime();
          if (left <= 0 || stopRequested.await(Math.min(left, WAIT_NANOS), TimeUnit.NANOSECONDS)) {
            break;
          }
        }
        app.stop(); // a clean stop, or waits until the stop a failure began has finished
        removeHook(hook);
      }
      return app.failure().isPresent() ? 1 : 0;
    }

    private static void removeHook(Thread hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already: the hook has run
      }
    }
  }

  /** {@code 30s}, {@code 2500ms}, {@code 5m}, {@code 1h} or ISO-8601 {@code PT1M}, positive. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d;
      try {
        d = SettingsParser.parseDuration(value.trim());
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; "
            + "expected e.g. 30s, 2500ms, 5m, 1h or PT1M");
      }
      if (d.isNegative() || d.isZero() || d.compareTo(SettingsParser.MAX_DURATION) > 0) {
        throw new CommandLine.TypeConversionException("'" + value + "' should be a positive "
            + "duration of at most " + SettingsParser.MAX_DURATION.toDays() + " days");
      }
      return d;
    }
  }

  @Command(name = "send", mixinStandardHelpOptions = true,
      description = "Sends a message to a topic. A declared topic's value is parsed as JSON into "
          + "its value type and encoded with its codecs.")
  static final class Send implements java.util.concurrent.Callable<Integer> {
    private final MephistoApp app;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Topic name.")
    String topic;

    @Option(names = "--key", description = "Message key (text).")
    String key;

    @Option(names = "--value", required = true, description = "Message value (JSON for declared topics).")
    String value;

    @Option(names = "--repeat", defaultValue = "1", description = "Send it this many times.")
    int repeat;

    Send(MephistoApp app) {
      this.app = app;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
      if (repeat < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option "
            + "'--repeat': '" + repeat + "' should be at least 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      Topic<Object, Object> t = (Topic<Object, Object>) app.topics().get(topic);
      if (t == null) {
        t = (Topic<Object, Object>) (Topic<?, ?>) app.topic(topic, String.class, String.class)
            .withValueCodec("raw");
      }
      Object v = parseValue(t);
      Object k = key == null ? null : keyOf(t);
      try {
        for (int i = 0; i < repeat; i++) {
          var md = t.send(k, v).get(30, TimeUnit.SECONDS);
          out.println("Sent to " + md.topic() + " partition " + md.partition() + " offset " + md.offset());
        }
      } finally {
        app.stop();
      }
      return 0;
    }

    private Object parseValue(Topic<?, ?> t) {
      if (t.valueType() == String.class && t.valueCodec().map("raw"::equals).orElse(false)) {
        return value;
      }
      var codecs = app.services().codecs();
      String spec = codecs.known().contains("json") ? "json" : "string";
      return codecs.resolve(spec).decode(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          t.valueType());
    }

    private Object keyOf(Topic<?, ?> t) {
      if (t.keyType() == String.class) {
        return key;
      }
      return app.services().codecs().resolve("json")
          .decode(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), t.keyType());
    }
  }

  @Command(name = "agents", mixinStandardHelpOptions = true, description = "Lists the agents.")
  static final class Agents implements Runnable {
    private final MephistoApp app;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Agents(MephistoApp app) {
      this.app = app;
    }

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-30s %s%n", "AGENT", "CONSUMES");
      for (Map.Entry<String, java.util.Collection<String>> e : app.agentTopics().entrySet()) {
        out.printf("%-30s %s%n", e.getKey(), String.join(", ", e.getValue()));
      }
    }
  }

  @Command(name = "topics", mixinStandardHelpOptions = true, description = "Lists the declared topics.")
  static final class Topics implements Runnable {
    private final MephistoApp app;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Topics(MephistoApp app) {
      this.app = app;
    }

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-30s %-10s %-20s %-20s%n", "TOPIC", "PARTITIONS", "KEY", "VALUE");
      for (Topic<?, ?> t : app.topics().values()) {
        out.printf("%-30s %-10s %-20s %-20s%n", t.name(),
            t.partitions().isPresent() ? Integer.toString(t.partitions().getAsInt())
                : app.settings().topicPartitions() + " (default)",
            t.keyType().getSimpleName(), t.valueType().getSimpleName());
      }
    }
  }
}
