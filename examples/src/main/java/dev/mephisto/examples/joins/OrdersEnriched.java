package dev.mephisto.examples.joins;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.Model;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.TaskOptions;
import dev.mephisto.Topic;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stream–table join: orders keyed by customer are joined with the customers table, which
 * another agent feeds from the customers topic (co-partitioned: both topics have the same
 * partition count). The lookup happens when the order is processed.
 */
public final class OrdersEnriched implements Example {
  /** One customer. */
  @Model(namespace = "orders_enriched.Customer")
  public record Customer(String id, String name, String country) {}

  /** One order. */
  @Model(namespace = "orders_enriched.Order")
  public record Order(String id, String customerId, double amount) {}

  /** An order with its customer. */
  @Model(namespace = "orders_enriched.Enriched")
  public record Enriched(String orderId, String customer, String country, double amount) {}

  /** Where enriched orders go. */
  public static final String ENRICHED = "orders-enriched.enriched";
  static final int CUSTOMERS = 20;

  /**
   * @param builder where the app runs
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, Customer> customers =
        app.topic("orders-enriched.customers", String.class, Customer.class);
    Topic<String, Order> orders = app.topic("orders-enriched.orders", String.class, Order.class);
    Topic<String, Enriched> enriched = app.topic(ENRICHED, String.class, Enriched.class);
    Table<String, Customer> table =
        app.table(TableSpec.of("customers", String.class, Customer.class));

    app.agent(customers).name("customers").start(stream -> {
      for (KeyValue<String, Customer> kv : stream.items()) {
        table.put(kv.key(), kv.value());
      }
    });
    app.agent(orders).name("enrich").sink(enriched).process(stream -> stream
        .join(table, (o, c) -> new Enriched(o.id(), c.name(), c.country(), o.amount()))
        .peek(e -> out.printf("  %-8s %-12s %-3s %8.2f%n", e.orderId(), e.customer(),
            e.country(), e.amount())));

    app.task(TaskOptions.everyWorker(), () -> {
      for (int i = 0; i < CUSTOMERS; i++) {
        customers.sendSoon("c" + i, customerOf("c" + i));
      }
    });
    int[] n = {0};
    app.timer(Duration.ofMillis(100), () -> {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      // now and then a customer nobody declared: the inner join drops that order
      String customer = "c" + r.nextInt(CUSTOMERS + 2);
      orders.sendSoon(customer, new Order("o" + n[0]++, customer, r.nextInt(100, 10_000) / 100.0));
    });
    return app;
  }

  static Customer customerOf(String id) {
    return new Customer(id, "Customer " + id, id.hashCode() % 2 == 0 ? "NO" : "IT");
  }

  @Override
  public String name() {
    return "orders-enriched";
  }

  @Override
  public String description() {
    return "a stream-table join: orders joined with the customers table at processing time";
  }

  @Override
  public void run(ExampleContext ctx) {
    ctx.out().println("Orders joined with their customer (orders of unknown customers dropped):");
    ctx.run(create(ctx.app("orders-enriched"), ctx.out()));
    ctx.printTopicCounts("orders-enriched.orders", ENRICHED);
  }
}
