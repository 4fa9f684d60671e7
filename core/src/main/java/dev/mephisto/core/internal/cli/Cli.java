package dev.mephisto.core.internal.cli;

import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The app's command line: {@code worker}, {@code send}, {@code agents}, {@code topics}. */
public final class Cli {
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
    CommandLine cl = new CommandLine(new Root(app));
    cl.setOut(out);
    cl.addSubcommand(new CommandLine(new Worker(app)));
    cl.addSubcommand(new CommandLine(new Send(app)));
    cl.addSubcommand(new CommandLine(new Agents(app)));
    cl.addSubcommand(new CommandLine(new Topics(app)));
    OpsCommands.register(cl, app);
    cl.getSubcommands().values().forEach(c -> c.setOut(out));
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
      description = "Runs the worker until SIGTERM/Ctrl-C (or --duration), then stops gracefully.")
  static final class Worker implements java.util.concurrent.Callable<Integer> {
    private final MephistoApp app;

    @Option(names = "--duration", description = "Stop after this long, e.g. 30s or PT1M.")
    String duration;

    Worker(MephistoApp app) {
      this.app = app;
    }

    @Override
    public Integer call() throws InterruptedException {
      CountDownLatch done = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        app.stop();
        done.countDown();
      }, app.id() + "-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      app.start();
      if (duration != null) {
        Duration d = dev.mephisto.internal.SettingsParser.parseDuration(duration);
        if (!done.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
          Runtime.getRuntime().removeShutdownHook(hook);
          app.stop();
        }
        return 0;
      }
      while (app.running()) {
        if (done.await(200, TimeUnit.MILLISECONDS)) {
          break;
        }
      }
      return 0;
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
