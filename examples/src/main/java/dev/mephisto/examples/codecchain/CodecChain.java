package dev.mephisto.examples.codecchain;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.Model;
import dev.mephisto.Topic;
import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One record through several codec chains. A chain is one value codec ({@code json}) and any
 * number of byte codecs after it ({@code binary} = base64 as Faust, {@code gzip} = the custom
 * codec of {@code dev.mephisto.examples.customcodec}); the value codec always runs first on
 * encode, the byte codecs in the order written, and decode runs the exact reverse.
 *
 * <p>First the bytes of each chain are shown side by side; then the same purchases are sent to
 * one topic per chain, and one agent per topic reads them back.
 */
public final class CodecChain implements Example {
  /** No {@code serializer} here: each topic picks the chain ({@code withValueCodec}). */
  @Model(namespace = "codec_chain.Purchase")
  public record Purchase(String username, String currency, double amount) {}

  /** The chains shown, and the topic each one gets: {@code codec-chain.<chain with | as ->}. */
  public static final List<String> CHAINS =
      List.of("json", "json|binary", "json|gzip", "json|gzip|binary");

  /**
   * @param chain a codec chain
   * @return the topic carrying values in that chain
   */
  public static String topicOf(String chain) {
    return "codec-chain." + chain.replace('|', '-');
  }

  /**
   * Prints the bytes of one value in every chain: length, then the bytes as text where they are
   * text, else as hex.
   *
   * @param value the value
   * @param out the console
   */
  public static void showSideBySide(Object value, PrintStream out) {
    out.println("One value, four codec chains:");
    out.printf("  %-17s %5s  %s%n", "chain", "bytes", "wire (text, or hex when binary)");
    for (String chain : CHAINS) {
      byte[] wire = Codecs.get(chain).encode(value);
      out.printf("  %-17s %5d  %s%n", chain, wire.length, shown(wire, 96));
    }
  }

  /**
   * @param wire bytes
   * @param max longest output
   * @return the bytes as text if they are printable ASCII, else as hex; cut at {@code max}
   */
  static String shown(byte[] wire, int max) {
    boolean text = true;
    for (byte b : wire) {
      text &= b >= 0x20 && b < 0x7f;
    }
    String s = text ? new String(wire, StandardCharsets.US_ASCII)
        : "hex " + HexFormat.of().formatHex(wire);
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  /**
   * Declares one topic per chain, an agent per topic that prints what it reads, and a generator
   * that sends the same purchase to every topic.
   *
   * @param builder where the app runs
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    List<Topic<String, Purchase>> topics = CHAINS.stream()
        .map(chain -> app.topic(topicOf(chain), String.class, Purchase.class)
            .withValueCodec(chain))
        .toList();
    for (Topic<String, Purchase> topic : topics) {
      app.agent(topic).name("read-" + topic.name().replace('.', '-')).start(stream -> {
        for (Purchase p : stream) { // decoded by the topic's chain, whatever it is
          out.printf("  read from %-32s %-6s %9.2f %s%n", topic.name(), p.username(), p.amount(),
              p.currency());
        }
      });
    }
    app.timer(Duration.ofSeconds(1), () -> {
      Purchase p = randomPurchase();
      topics.forEach(t -> t.sendSoon(p.username(), p));
    });
    return app;
  }

  private static final List<String> USERS = List.of("ann", "bob", "chen", "dana");

  static Purchase randomPurchase() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new Purchase(USERS.get(r.nextInt(USERS.size())), r.nextBoolean() ? "EUR" : "USD",
        r.nextInt(1, 250_000) / 100.0);
  }

  @Override
  public String name() {
    return "codec-chain";
  }

  @Override
  public String description() {
    return "one record as json, json|binary, json|gzip, json|gzip|binary: bytes side by side";
  }

  @Override
  public void run(ExampleContext ctx) {
    showSideBySide(new Purchase("ann", "EUR", 12.5), ctx.out());
    ctx.out().println("Now through Kafka, one topic per chain:");
    ctx.run(create(ctx.app("codec-chain"), ctx.out()));
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts(CHAINS.stream().map(CodecChain::topicOf).toArray(String[]::new));
  }
}
