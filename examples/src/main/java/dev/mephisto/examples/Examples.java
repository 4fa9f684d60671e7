package dev.mephisto.examples;

import dev.mephisto.MephistoException;
import dev.mephisto.examples.avropurchases.AvroPurchases;
import dev.mephisto.examples.codecchain.CodecChain;
import dev.mephisto.examples.customcodec.CustomCodec;
import dev.mephisto.examples.faustinterop.FaustInterop;
import dev.mephisto.examples.helloworld.HelloWorld;
import dev.mephisto.examples.missingdispatch.MissingDispatch;
import dev.mephisto.examples.ordercount.OrderCount;
import dev.mephisto.examples.ordercountrocksdb.OrderCountRocksDb;
import dev.mephisto.examples.orderstosql.OrdersToSql;
import dev.mephisto.examples.joins.ClickSessions;
import dev.mephisto.examples.joins.OrdersEnriched;
import dev.mephisto.examples.joins.PaymentFraud;
import dev.mephisto.examples.pageviews.PageViewsWindowed;
import dev.mephisto.testkit.EmbeddedKafka;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The examples launcher.
 *
 * <pre>
 * ./mvnw -q install -DskipTests
 * ./mvnw -q -pl examples exec:java -Dexample=hello-world
 * ./mvnw -q -pl examples exec:java -Dexample=list
 * ./mvnw -q -pl examples exec:java -Dexample=hello-world -Dexec.args="--broker kafka://host:9092 --duration 30s"
 * </pre>
 *
 * <p>Without a broker it starts an embedded Kafka broker for the run. It stops the example after
 * {@code --duration} (or on Ctrl-C), prints a summary and exits with status 0.
 */
public final class Examples {
  private static final Duration CTRL_C_GRACE = Duration.ofSeconds(20);

  // In the order of a first hour: the basics, codecs, Faust, tables and windows, then a sink.
  private static final List<Example> ALL = List.of(
      new HelloWorld(),
      new CodecChain(),
      new CustomCodec(),
      new AvroPurchases(),
      new FaustInterop(),
      new OrderCount(),
      new OrderCountRocksDb(),
      new PageViewsWindowed(),
      new OrdersEnriched(),
      new ClickSessions(),
      new PaymentFraud(),
      new MissingDispatch(),
      new OrdersToSql());

  private Examples() {}

  /** @return every example, in the order {@code -Dexample=list} shows them */
  public static List<Example> all() {
    return ALL;
  }

  /**
   * @param name an example's name
   * @return the example, if there is one of that name
   */
  public static Optional<Example> find(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * Runs an example and exits the JVM with its status (0 on success).
   *
   * @param args an optional example name and options; see {@link LaunchOptions#USAGE}
   */
  public static void main(String[] args) {
    quietBrokerLogs();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C: ask the example to stop and give it time to stop its apps and print its summary.
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        finished.await(CTRL_C_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "examples-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    int status = run(args, systemProperties(), System.getenv(), System.out, stop);
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return; // Ctrl-C: the JVM is exiting already
    }
    System.out.flush();
    // exec:java would otherwise wait for every non-daemon thread a library left behind.
    System.exit(status);
  }

  // The embedded broker warns about things that are normal for a fresh single-node broker.
  // slf4j-simple reads levels from system properties first; a level the user set is kept.
  private static void quietBrokerLogs() {
    for (String logger : List.of("kafka", "org.apache.kafka.controller", "org.apache.kafka.raft",
        "org.apache.kafka.server", "org.apache.kafka.clients.NetworkClient",
        "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage")) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "error");
      }
    }
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> props = new HashMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    return props;
  }

  /**
   * Runs an example until its duration passed or {@code stop} is counted down.
   *
   * @param args an optional example name and options
   * @param properties system properties ({@code example}, {@code broker}, {@code duration}, ...)
   * @param env environment variables ({@code MEPHISTO_BROKER}, ...)
   * @param out the console
   * @param stop counted down to stop the run early
   * @return the exit status: 0 on success, 1 if the example failed, 2 for bad options
   */
  public static int run(String[] args, Map<String, String> properties, Map<String, String> env,
      PrintStream out, CountDownLatch stop) {
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(args, properties, env);
    } catch (MephistoException e) {
      out.println(e.getMessage());
      out.println(LaunchOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(LaunchOptions.USAGE);
      return 0;
    }
    String name = options.example().orElse("list");
    if (name.equals("list")) {
      list(out);
      return 0;
    }
    Optional<Example> example = find(name);
    if (example.isEmpty()) {
      out.println("No example named '" + name + "'. These exist:");
      list(out);
      return 2;
    }
    return run(example.get(), options, env, out, stop);
  }

  private static void list(PrintStream out) {
    out.println("Examples (run one with: ./mvnw -q -pl examples exec:java -Dexample=<name>):");
    for (Example e : ALL) {
      out.printf("  %-22s %s%n", e.name(), e.description());
    }
  }

  private static int run(Example example, LaunchOptions options, Map<String, String> env,
      PrintStream out, CountDownLatch stop) {
    out.println("== " + example.name() + ": " + example.description());
    EmbeddedKafka kafka = null;
    ExampleContext ctx = null;
    try {
      String broker;
      if (options.broker().isPresent()) {
        broker = options.broker().get();
      } else {
        out.println("No --broker given: starting an embedded Kafka broker for this run...");
        kafka = EmbeddedKafka.builder().build().start();
        broker = "kafka://" + kafka.bootstrapServers();
      }
      ctx = new ExampleContext(broker, kafka != null, options, out, env, stop);
      ctx.say("broker %s%s", broker, kafka != null ? " (embedded)" : "");
      example.run(ctx);
      return 0;
    } catch (Exception e) {
      out.println("Example '" + example.name() + "' failed: " + e);
      e.printStackTrace(out);
      return 1;
    } finally {
      if (ctx != null) {
        ctx.cleanUp();
      }
      if (kafka != null) {
        kafka.close();
      }
      out.flush();
    }
  }
}
