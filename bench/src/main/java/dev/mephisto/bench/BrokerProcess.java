package dev.mephisto.bench;

import dev.mephisto.testkit.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded broker in a child JVM of its own, so that its heap, GC pauses and threads are not
 * counted in the measured JVM's heap peak or paused with it. The child is this class's {@link
 * #main}: it starts {@link EmbeddedKafka}, prints {@code BOOTSTRAP host:port}, and stops when its
 * standard input closes (the bench closes it, or the bench died).
 */
final class BrokerProcess implements AutoCloseable {
  private static final String READY = "BOOTSTRAP ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final String bootstrap;

  private BrokerProcess(Process process, String bootstrap) {
    this.process = process;
    this.bootstrap = bootstrap;
  }

  /**
   * Starts the child JVM with this JVM's class path and waits until its broker is up.
   *
   * @param heap the child's maximum heap, e.g. {@code 2g}
   * @param log where the child's other output lines go
   * @return the running broker
   * @throws IOException if it cannot be started or does not come up
   */
  static BrokerProcess start(String heap, PrintStream log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(
        java, "-Xmx" + heap, "-Xms" + heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith(READY)) {
        String bootstrap = line.substring(READY.length()).strip();
        Thread.ofPlatform().daemon().name("broker-process-output").start(() -> drain(lines));
        return new BrokerProcess(p, bootstrap);
      }
      if (line.contains("ERROR") || line.contains("Exception")) {
        log.println("  broker: " + line);
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    p.destroyForcibly();
    throw new IOException("The broker JVM did not start (" + String.join(" ", command.subList(0, 4))
        + " ...); exit " + (p.isAlive() ? "none" : p.exitValue()) + "; run with --broker in-process to "
        + "start it in this JVM instead");
  }

  private static void drain(BufferedReader lines) {
    try {
      while (lines.readLine() != null) {
        // the broker's log is not shown; the bench only needs the child not to block on a full pipe
      }
    } catch (IOException e) {
      // the child is gone
    }
  }

  /** @return the broker's bootstrap servers */
  String bootstrapServers() {
    return bootstrap;
  }

  /** @return the child's process id, for people who want to watch it */
  long pid() {
    return process.pid();
  }

  /** Closes the child's standard input, so it stops its broker and exits; kills it after 60 s. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The child: starts the broker, prints its address, runs until standard input closes.
   *
   * @param args none
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    try (EmbeddedKafka broker = EmbeddedKafka.builder().build().start()) {
      System.out.println(READY + broker.bootstrapServers());
      System.out.flush();
      while (System.in.read() != -1) {
        // wait for the bench to close our input
      }
    }
    System.exit(0);
  }
}
