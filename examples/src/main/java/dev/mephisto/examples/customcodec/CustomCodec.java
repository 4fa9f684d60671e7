package dev.mephisto.examples.customcodec;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.Model;
import dev.mephisto.Topic;
import dev.mephisto.codec.Codecs;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A custom codec used on a topic end to end. {@link GzipCodec} is a byte codec, {@link
 * GzipCodecProvider} names it {@code gzip}, and one line in {@code
 * src/main/resources/META-INF/services/dev.mephisto.codec.CodecProvider} makes it known: nothing
 * is registered in code. The model below asks for it with {@code @Model(serializer =
 * "json|gzip")}, so every batch of log lines on {@code custom-codec.logs} is JSON, then gzip.
 */
public final class CustomCodec implements Example {
  /** One log line. */
  public record Line(String level, String message) {}

  /** Log lines of one host, shipped together: repetitive text, which gzip shrinks well. */
  @Model(serializer = "json|gzip", namespace = "custom_codec.LogBatch")
  public record LogBatch(int batch, String host, List<Line> lines) {}

  /** What the agent makes of a batch (plain json, the app's default codec). */
  @Model(namespace = "custom_codec.ErrorReport")
  public record ErrorReport(int batch, String host, int lines, int errors) {}

  /**
   * Declares the logs topic (values in json|gzip, from the model), the error-report topic, an
   * agent counting errors per batch and a generator.
   *
   * @param builder where the app runs
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, LogBatch> logs = app.topic("custom-codec.logs", String.class, LogBatch.class);
    Topic<String, ErrorReport> reports =
        app.topic("custom-codec.error-reports", String.class, ErrorReport.class);

    app.agent(logs).name("count-errors").sink(reports).process(stream -> stream.map(b ->
        new ErrorReport(b.batch(), b.host(), b.lines().size(),
            (int) b.lines().stream().filter(l -> l.level().equals("ERROR")).count())));

    app.agent(reports).name("print-reports").start(stream -> {
      for (ErrorReport r : stream) {
        out.printf("  batch %3d from %-6s %3d lines, %2d errors%n", r.batch(), r.host(),
            r.lines(), r.errors());
      }
    });

    AtomicInteger batches = new AtomicInteger();
    app.timer(Duration.ofMillis(500), () -> {
      LogBatch b = randomBatch(batches.incrementAndGet());
      if (b.batch() <= 3) { // what gzip saves, for the first few batches
        out.printf("  sent batch %3d: %5d bytes as json, %4d bytes as json|gzip%n", b.batch(),
            Codecs.get("json").encode(b).length, Codecs.get("json|gzip").encode(b).length);
      }
      logs.sendSoon(b.host(), b);
    });
    return app;
  }

  /**
   * Prints where the codec providers on the class path come from: each {@code
   * META-INF/services} file, and the names {@link Codecs} knows.
   *
   * @param out the console
   */
  public static void showDiscovery(PrintStream out) {
    try {
      String file = "META-INF/services/" + CodecProvider.class.getName();
      out.println("Codec providers are found through " + file + ":");
      for (URL url : Collections.list(CustomCodec.class.getClassLoader().getResources(file))) {
        out.println("  " + url);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("Codec names known: " + Codecs.names());
  }

  private static final List<String> HOSTS = List.of("web-1", "web-2", "db-1");
  private static final List<String> MESSAGES = List.of(
      "GET /api/orders 200 in 12 ms", "GET /api/orders/42 200 in 8 ms",
      "POST /api/orders 201 in 35 ms", "GET /health 200 in 1 ms");

  static LogBatch randomBatch(int batch) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    List<Line> lines = new ArrayList<>();
    int n = r.nextInt(20, 60);
    for (int i = 0; i < n; i++) {
      lines.add(r.nextInt(10) == 0
          ? new Line("ERROR", "POST /api/orders 503 upstream timeout after 3000 ms")
          : new Line("INFO", MESSAGES.get(r.nextInt(MESSAGES.size()))));
    }
    return new LogBatch(batch, HOSTS.get(r.nextInt(HOSTS.size())), lines);
  }

  @Override
  public String name() {
    return "custom-codec";
  }

  @Override
  public String description() {
    return "a gzip codec registered through META-INF/services, used on a topic (json|gzip)";
  }

  @Override
  public void run(ExampleContext ctx) {
    showDiscovery(ctx.out());
    ctx.run(create(ctx.app("custom-codec"), ctx.out()));
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts("custom-codec.logs", "custom-codec.error-reports");
  }
}
