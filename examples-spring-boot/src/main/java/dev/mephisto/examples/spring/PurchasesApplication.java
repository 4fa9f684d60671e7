package dev.mephisto.examples.spring;

import dev.mephisto.Agent;
import dev.mephisto.App;
import dev.mephisto.Model;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.spring.boot.AppConfigurer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Faust's tutorial app as a Spring Boot application: purchases in cents become purchases in
 * dollars, and a table adds up what every user spent, served at {@code /spent} by a Spring MVC
 * controller ({@link SpentController}). The Mephisto app is a bean configured from {@code
 * mephisto.*} in {@code application.properties}; topics, the table and the agents are beans made
 * from it; Actuator's {@code /actuator/health} includes the worker's health.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples-spring-boot exec:java} (add {@code
 * -Dexec.args=--demo.duration=30s} to stop by itself): with no {@code
 * mephisto.broker} given it starts an embedded Kafka broker ({@link EmbeddedBrokerWhenNoneGiven}),
 * and {@code demo.traffic=true} sends a few purchases a second.
 */
@SpringBootApplication
public class PurchasesApplication {

  /** A purchase, amount in cents; Faust's tutorial names its namespace. */
  @Model(namespace = "hello_world.Purchase")
  public record Purchase(String username, String currency, int amount) {}

  /** The same purchase in dollars. */
  @Model(namespace = "hello_world.PurchaseDollars")
  public record PurchaseDollars(String username, String currency, double amount) {}

  /**
   * Runs until Ctrl-C, or for {@code --demo.duration=30s}.
   *
   * @param args Spring Boot's arguments, e.g. {@code --mephisto.broker=kafka://kafka1:9092}
   * @throws InterruptedException if interrupted while running for a duration
   */
  public static void main(String[] args) throws InterruptedException {
    ConfigurableApplicationContext context = application().run(args);
    Duration duration = context.getEnvironment().getProperty("demo.duration", Duration.class);
    if (duration != null) {
      Thread.sleep(duration); // a demo's run time, not a wait for a condition
      System.exit(SpringApplication.exit(context));
    }
  }

  /** @return the application as {@link #main} runs it (tests run it the same way) */
  static SpringApplication application() {
    SpringApplication application = new SpringApplication(PurchasesApplication.class);
    application.addListeners(new EmbeddedBrokerWhenNoneGiven());
    return application;
  }

  @Bean
  Topic<String, Purchase> purchases(App app) {
    return app.topic("purchases", String.class, Purchase.class);
  }

  @Bean
  Topic<String, PurchaseDollars> dollars(App app) {
    return app.topic("purchases.dollars", String.class, PurchaseDollars.class);
  }

  @Bean
  Table<String, Double> spent(App app) {
    return app.table("spent", String.class, Double.class, 0.0);
  }

  @Bean
  Agent<String, Purchase> toDollars(App app, Topic<String, Purchase> purchases,
      Topic<String, PurchaseDollars> dollars) {
    return app.agent(purchases).name("to-dollars").sink(dollars).process(stream ->
        stream.map(p -> new PurchaseDollars(p.username(), p.currency(), p.amount() / 100.0)));
  }

  @Bean
  Agent<String, PurchaseDollars> addUp(App app, Topic<String, PurchaseDollars> dollars,
      Table<String, Double> spent) {
    return app.agent(dollars).name("add-up").start(stream -> {
      // the table is keyed by user: its writes must come from events partitioned by user
      for (PurchaseDollars p : stream.groupBy(PurchaseDollars::username, "username")) {
        spent.update(p.username(), total -> total + p.amount());
      }
    });
  }

  /** Demo traffic (not a bean anything injects, so an {@link AppConfigurer}). */
  @Bean
  @ConditionalOnProperty(name = "demo.traffic", havingValue = "true")
  AppConfigurer demoTraffic(Topic<String, Purchase> purchases) {
    List<String> users = List.of("ann", "bob", "chen", "dana", "emil", "fay");
    List<String> currencies = List.of("USD", "EUR", "GBP", "CHF");
    return app -> app.timer(Duration.ofMillis(250), () -> {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      Purchase p = new Purchase(users.get(r.nextInt(users.size())),
          currencies.get(r.nextInt(currencies.size())), 100 + r.nextInt(250_000));
      purchases.sendSoon(p.username(), p);
    });
  }
}
