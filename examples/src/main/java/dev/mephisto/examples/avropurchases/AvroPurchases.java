package dev.mephisto.examples.avropurchases;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.Model;
import dev.mephisto.Topic;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Avro values with a Schema Registry, in Confluent's wire format: a magic byte 0, the schema's
 * 4-byte id, then the Avro body. The schemas are derived from the records below and registered
 * on first use under {@code <topic>-value}.
 *
 * <p>Without {@code --registry} it uses {@code mock://avro-purchases}, an in-process registry;
 * with {@code --registry http://localhost:8081} (Confluent Schema Registry, or Apicurio's {@code
 * .../apis/ccompat/v7}) the same code talks to a real one, and other Avro clients (Confluent's
 * {@code KafkaAvroDeserializer}, ksqlDB, Kafka Connect) can read the topics.
 */
public final class AvroPurchases implements Example {
  /** A purchase: {@code cents} is Avro {@code long}, {@code at} a {@code timestamp-millis}. */
  @Model(serializer = "avro", namespace = "avro_purchases.Purchase")
  public record Purchase(String username, String currency, long cents, Instant at) {}

  /** The same purchase as a receipt in whole currency units. */
  @Model(serializer = "avro", namespace = "avro_purchases.Receipt")
  public record Receipt(String username, String currency, double amount, Instant at) {}

  /** The registry used when none is given. */
  public static final String MOCK_REGISTRY = "mock://avro-purchases";

  /**
   * Declares the topics, an agent turning purchases into receipts, one printing receipts, and a
   * generator.
   *
   * @param builder where the app runs; it must carry {@code schema.registry.url}
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, Purchase> purchases =
        app.topic("avro-purchases.purchases", String.class, Purchase.class);
    Topic<String, Receipt> receipts =
        app.topic("avro-purchases.receipts", String.class, Receipt.class);

    app.agent(purchases).name("receipts").sink(receipts).process(stream -> stream.map(p ->
        new Receipt(p.username(), p.currency(), p.cents() / 100.0, p.at())));

    app.agent(receipts).name("print").start(stream -> {
      for (Receipt r : stream) {
        out.printf("  receipt  %-6s %9.2f %s at %s%n", r.username(), r.amount(), r.currency(),
            r.at());
      }
    });

    app.timer(Duration.ofMillis(500), () -> {
      Purchase p = randomPurchase();
      purchases.sendSoon(p.username(), p);
    });
    return app;
  }

  /**
   * Describes Confluent-framed Avro bytes.
   *
   * @param wire the bytes of one value
   * @return e.g. {@code magic 0, schema id 1, 17 bytes of Avro body}
   */
  public static String describeWire(byte[] wire) {
    ByteBuffer b = ByteBuffer.wrap(wire);
    return "magic byte " + b.get() + ", schema id " + b.getInt() + ", " + b.remaining()
        + " bytes of Avro body (" + wire.length + " in all)";
  }

  /**
   * Prints the subjects a real registry holds, as {@code GET /subjects} answers.
   *
   * @param registryUrl an {@code http(s)} registry URL
   * @param out the console
   */
  static void printSubjects(String registryUrl, PrintStream out) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
          registryUrl.replaceAll("/+$", "") + "/subjects")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      out.println("Registry subjects (GET " + registryUrl + "/subjects): " + r.body());
    } catch (Exception e) {
      out.println("Could not list the registry's subjects: " + e);
    }
  }

  private static final List<String> USERS = List.of("ann", "bob", "chen", "dana");

  static Purchase randomPurchase() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new Purchase(USERS.get(r.nextInt(USERS.size())), r.nextBoolean() ? "EUR" : "GBP",
        r.nextLong(100, 500_000), Instant.ofEpochMilli(System.currentTimeMillis()));
  }

  @Override
  public String name() {
    return "avro-purchases";
  }

  @Override
  public String description() {
    return "Avro values (@Model(serializer = \"avro\")) with a mock:// or real (--registry) registry";
  }

  @Override
  public void run(ExampleContext ctx) {
    String registry = ctx.registry().orElse(MOCK_REGISTRY);
    ctx.out().println("Schema registry: " + registry
        + (registry.startsWith("mock:") ? " (in-process; give --registry http://... for a real one)"
            : ""));
    // The codec on its own, configured as the app's will be, to look at the bytes of one value.
    Codec avro = Codecs.create(List.of(), Map.of("schema.registry.url", registry)).resolve("avro");
    Purchase sample = new Purchase("ann", "EUR", 1250, Instant.parse("2024-05-01T12:00:00Z"));
    byte[] wire = avro.encode(sample, CodecContext.value("avro-purchases.purchases"));
    ctx.out().println("One purchase as Avro: " + describeWire(wire) + "; as json: "
        + Codecs.get("json").encode(sample).length + " bytes");
    App app = create(ctx.app("avro-purchases").codecConfig("schema.registry.url", registry),
        ctx.out());
    ctx.run(app);
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts("avro-purchases.purchases", "avro-purchases.receipts");
    if (!registry.startsWith("mock:")) {
      printSubjects(registry, ctx.out());
    }
  }
}
