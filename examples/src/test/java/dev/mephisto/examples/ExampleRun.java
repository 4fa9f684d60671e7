package dev.mephisto.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.testkit.KafkaCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one example through the launcher on a background thread against the test's broker, as
 * {@code exec:java -Dexample=<name> -Dexec.args="--broker ..."} would, and stops it the way
 * Ctrl-C does. Tests poll the example's output topics and then {@link #stop()} it.
 */
public final class ExampleRun implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final CountDownLatch stop = new CountDownLatch(1);
  private final String name;
  private final Thread thread;
  private volatile int status = -1;

  private ExampleRun(String name, List<String> args) {
    this.name = name;
    this.thread = Thread.ofPlatform().name("example-" + name).start(() ->
        status = Examples.run(args.toArray(String[]::new), Map.of(), Map.of(), out, stop));
  }

  /**
   * Starts an example that runs until {@link #stop()} (or a long safety duration).
   *
   * @param name the example
   * @param kafka the shared test broker
   * @param extraArgs further options, e.g. {@code "--state-dir", dir}
   * @return the running example
   */
  public static ExampleRun start(String name, KafkaCluster kafka, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of(name, "--broker",
        "kafka://" + kafka.bootstrapServers(), "--duration", "3m"));
    args.addAll(List.of(extraArgs));
    return new ExampleRun(name, args);
  }

  /**
   * Runs an example for a fixed duration and waits until it exits by itself.
   *
   * @param name the example
   * @param kafka the shared test broker
   * @param duration how long it runs
   * @param extraArgs further options
   * @return the finished run
   */
  public static ExampleRun runFor(String name, KafkaCluster kafka, Duration duration,
      String... extraArgs) {
    List<String> args = new ArrayList<>(List.of(name, "--broker",
        "kafka://" + kafka.bootstrapServers(), "--duration", duration.toMillis() + "ms"));
    args.addAll(List.of(extraArgs));
    ExampleRun run = new ExampleRun(name, args);
    run.join();
    return run;
  }

  /** @return everything the example printed so far */
  public String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Runs a wait; when it fails, the failure also shows what the example printed so far, which
   * says how far it got (started, assigned, restored, what it sent).
   *
   * @param wait the wait, e.g. an {@code Await.until}
   */
  public void awaitOrExplain(Runnable wait) {
    try {
      wait.run();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nOutput of example '" + name + "' so far:\n"
          + output(), e);
    }
  }

  /** @return true while the example runs */
  public boolean running() {
    return thread.isAlive();
  }

  /**
   * Asks the example to stop (as Ctrl-C does), waits for it and checks that it exited with 0.
   *
   * @return the full output
   */
  public String stop() {
    stop.countDown();
    join();
    return output();
  }

  private void join() {
    try {
      if (!thread.join(STOP_TIMEOUT)) {
        throw new AssertionError("Example '" + name + "' did not stop within " + STOP_TIMEOUT
            + "; output so far:\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while stopping example '" + name + "'", e);
    }
    assertEquals(0, status, () -> "exit status of example '" + name + "'; output:\n" + output());
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      stop.countDown();
      try {
        thread.join(STOP_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
