package dev.mephisto.testkit.registry;

import dev.mephisto.MephistoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Confluent-compatible Schema Registry for tests: Apicurio Registry, run from its Maven
 * Central distribution as a child JVM on loopback with in-memory storage. Its Confluent API is
 * at {@link #url()}.
 *
 * <pre>{@code
 * EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.shared();
 * Codec avro = new AvroCodecProvider().create(Map.of("schema.registry.url", registry.url()));
 * }</pre>
 *
 * <p>The module running the tests declares the distribution as a test dependency ({@code
 * io.apicurio:apicurio-registry-app}, classifier {@code all}, type {@code tar.gz}); it is found in
 * the local Maven repository ({@code -Dmaven.repo.local} or {@code ~/.m2/repository}), verified
 * against the SHA-512 Maven Central publishes for it, and unpacked into the user's own cache
 * ({@code ~/.cache/mephisto/apicurio-registry}, 0700), whose files are checked against the archive
 * on every start (a changed or planted file makes it unpack again). The registry needs Java 21 or
 * newer and runs on the
 * JDK running the tests; its output goes to {@link #logFile()}. System properties: {@code
 * mephisto.apicurio.version}, {@code mephisto.apicurio.archive}, {@code mephisto.registry.cache},
 * {@code mephisto.registry.startTimeoutSeconds} (default 180), {@code mephisto.registry.jvmArgs}.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  /** Path of the Confluent-compatible API in Apicurio Registry. */
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
  private static final int PORT_ATTEMPTS = 3;
  private static EmbeddedSchemaRegistry shared;

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Thread shutdownHook;

  private EmbeddedSchemaRegistry(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::stopProcess, "embedded-schema-registry-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The registry shared by every test of this JVM: started on first call, stopped when the JVM
   * exits. Tests keep apart by using their own subjects (topics).
   *
   * @return the running registry
   */
  public static synchronized EmbeddedSchemaRegistry shared() {
    if (shared == null || !shared.isRunning()) {
      shared = start();
    }
    return shared;
  }

  /**
   * Starts a registry of its own; {@link #close()} stops it.
   *
   * @return the running registry
   * @throws MephistoException when it does not become ready, with the end of its log
   */
  public static EmbeddedSchemaRegistry start() {
    if (Runtime.version().feature() < 21) {
      throw new MephistoException("Apicurio Registry needs Java 21 or newer but the tests run on"
          + " Java " + Runtime.version() + "; run them with a JDK 21+ (JAVA_HOME)");
    }
    Path app = ApicurioDistribution.unpacked();
    MephistoException last = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      int http = freePort();
      int management = freePort();
      Path logFile = logDirectory().resolve("embedded-schema-registry-" + http + ".log");
      long started = System.nanoTime();
      Process p = launch(app, http, management, logFile);
      EmbeddedSchemaRegistry r = new EmbeddedSchemaRegistry(p, http, logFile);
      try {
        r.awaitReady();
        log.info("Apicurio Registry {} ready at {} in {} ms (log: {})", ApicurioDistribution.version(),
            r.url(), (System.nanoTime() - started) / 1_000_000, logFile);
        return r;
      } catch (MephistoException e) {
        r.close();
        last = e;
        if (!r.tail().contains("already in use") && !r.tail().contains("Port already bound")) {
          throw e;
        }
        log.warn("Registry port {} was taken meanwhile; retrying with other ports", http);
      }
    }
    throw last;
  }

  private static Process launch(Path app, int http, int management, Path logFile) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1"); // starts faster; the registry does little work in tests
    cmd.add("-XX:+UseSerialGC");
    String extra = System.getProperty("mephisto.registry.jvmArgs", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.add("-Dquarkus.http.host=127.0.0.1");
    cmd.add("-Dquarkus.http.port=" + http);
    cmd.add("-Dquarkus.management.host=127.0.0.1");
    cmd.add("-Dquarkus.management.port=" + management);
    cmd.add("-jar");
    cmd.add(app.resolve("quarkus-run.jar").toString());
    try {
      Files.createDirectories(logFile.getParent());
      return new ProcessBuilder(cmd)
          .directory(app.toFile())
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Apicurio Registry: " + String.join(" ", cmd), e);
    }
  }

  private void awaitReady() {
    long timeout = Long.getLong("mephisto.registry.startTimeoutSeconds", 180);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    while (true) {
      if (!process.isAlive()) {
        throw new MephistoException("Apicurio Registry exited with code " + process.exitValue()
            + " before it was ready; end of its log " + logFile + ":\n" + tail());
      }
      try {
        HttpResponse<Void> r = client.send(probe, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MephistoException("Interrupted while waiting for Apicurio Registry", e);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new MephistoException("Apicurio Registry did not answer " + url() + "/subjects within "
            + timeout + " s (raise -Dmephisto.registry.startTimeoutSeconds on a slow machine);"
            + " end of its log " + logFile + ":\n" + tail());
      }
      try {
        Thread.sleep(100); // poll interval of the readiness probe
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MephistoException("Interrupted while waiting for Apicurio Registry", e);
      }
    }
  }

  /** @return the Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7} */
  public String url() {
    return baseUrl() + CCOMPAT_PATH;
  }

  /** @return the server root, e.g. {@code http://127.0.0.1:41234} */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** @return the file the registry's output goes to */
  public Path logFile() {
    return logFile;
  }

  /** @return whether the registry process is still running */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the registry (the shared one too: the next {@link #shared()} starts a new one). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
    stopProcess();
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static Path logDirectory() {
    String dir = System.getProperty("mephisto.registry.logDir");
    if (dir != null) {
      return Path.of(dir);
    }
    Path target = Path.of("target");
    return Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port", e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedSchemaRegistry[" + url() + (isRunning() ? "" : ", stopped") + "]";
  }
}
