package dev.mephisto.examples.helloworld;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.Model;
import dev.mephisto.Topic;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Faust tutorial's purchases: a generator sends {@code Purchase}s with amounts in cents to
 * {@code purchases}; an agent turns them into {@code PurchaseDollars} on {@code
 * purchases.dollars}; a second agent reads those back and prints them.
 *
 * <p>The namespaces are the ones a Python module {@code hello_world.py} gives its records, so a
 * Faust app reads {@code purchases.dollars} as its own {@code PurchaseDollars}.
 */
public final class HelloWorld implements Example {
  /** A purchase; {@code amount} is in cents. */
  @Model(namespace = "hello_world.Purchase")
  public record Purchase(String username, String currency, int amount) {}

  /** The same purchase in dollars (well, in whole units of its currency). */
  @Model(namespace = "hello_world.PurchaseDollars")
  public record PurchaseDollars(String username, String currency, double amount) {}

  /**
   * Declares the app: two topics, two agents and a generator.
   *
   * @param builder where the app runs (broker, settings)
   * @param out where purchases are printed
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, Purchase> purchases = app.topic("purchases", String.class, Purchase.class);
    Topic<String, PurchaseDollars> dollars =
        app.topic("purchases.dollars", String.class, PurchaseDollars.class);

    // Cents in, dollars out: what the body returns goes to the sink topic, under the same key.
    app.agent(purchases).name("to-dollars").sink(dollars).process(stream ->
        stream.map(p -> new PurchaseDollars(p.username(), p.currency(), p.amount() / 100.0)));

    // Read the dollars back with their keys: a Stream<String, PurchaseDollars>.
    app.agent(dollars).name("print").start(stream -> {
      for (KeyValue<String, PurchaseDollars> kv : stream.items()) {
        PurchaseDollars p = kv.value();
        out.printf("%-8s paid %8.2f %s%n", kv.key(), p.amount(), p.currency());
      }
    });

    // The generator: a random purchase every 250 ms, keyed by user.
    app.timer(Duration.ofMillis(250), () -> {
      Purchase p = randomPurchase();
      purchases.sendSoon(p.username(), p);
    });
    return app;
  }

  /**
   * Runs the app on its own, with Mephisto's command line: {@code worker}, {@code send}, ...
   *
   * @param args e.g. {@code worker --duration 30s}
   */
  public static void main(String[] args) {
    create(App.builder("hello-world").broker("kafka://localhost:9092"), System.out).main(args);
  }

  private static final List<String> USERS = List.of("ann", "bob", "chen", "dana", "emil", "fay");
  private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "JPY", "CHF");

  static Purchase randomPurchase() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new Purchase(USERS.get(r.nextInt(USERS.size())),
        CURRENCIES.get(r.nextInt(CURRENCIES.size())), 100 + r.nextInt(250_000));
  }

  @Override
  public String name() {
    return "hello-world";
  }

  @Override
  public String description() {
    return "Faust's tutorial: purchases in cents -> purchases.dollars (json), printed";
  }

  @Override
  public void run(ExampleContext ctx) {
    App app = create(ctx.app("hello-world"), ctx.out());
    ctx.run(app);
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts("purchases", "purchases.dollars");
  }
}
