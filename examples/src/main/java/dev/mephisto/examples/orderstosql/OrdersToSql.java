package dev.mephisto.examples.orderstosql;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.Model;
import dev.mephisto.Topic;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Denormalization into a SQL database: orders on Kafka carry only a product id; an agent joins
 * each with the product catalogue and writes the result into table {@code order_lines} of an H2
 * database file, in batches ({@code stream.take(...)}) of one JDBC batch and one transaction
 * each. At the end, plain SQL answers "revenue per country".
 *
 * <p>An order is acknowledged (its offset committed) only after the agent asks for the next
 * batch, that is after its batch was committed to the database; the {@code MERGE} makes a second
 * delivery after a crash harmless.
 */
public final class OrdersToSql implements Example {
  /** An order as it travels on Kafka (json). */
  @Model(namespace = "orders_to_sql.Order")
  public record Order(String orderId, String customer, String country, String productId,
      int quantity) {}

  /** A product of the catalogue. */
  public record Product(String name, BigDecimal unitPrice) {}

  /** The product catalogue, by product id: small and rarely changing, so a map is enough. */
  public static final Map<String, Product> CATALOGUE = Map.of(
      "p-1", new Product("Espresso machine", new BigDecimal("249.00")),
      "p-2", new Product("Coffee grinder", new BigDecimal("89.90")),
      "p-3", new Product("Beans, 1 kg", new BigDecimal("18.50")),
      "p-4", new Product("Milk frother", new BigDecimal("39.95")),
      "p-5", new Product("Descaler", new BigDecimal("7.49")));

  /** The topic orders arrive on. */
  public static final String ORDERS = "orders-to-sql.orders";

  /**
   * Joins an order with its product.
   *
   * @param o the order
   * @return the order line
   */
  public static OrderLine enrich(Order o) {
    Product p = CATALOGUE.get(o.productId());
    if (p == null) { // goes to the dead-letter topic with this message, the agent goes on
      throw new IllegalArgumentException("Order '" + o.orderId() + "' names product '"
          + o.productId() + "', which is not in the catalogue " + CATALOGUE.keySet());
    }
    return new OrderLine(o.orderId(), o.customer(), o.country(), o.productId(), p.name(),
        o.quantity(), p.unitPrice(), p.unitPrice().multiply(BigDecimal.valueOf(o.quantity())));
  }

  /**
   * Declares the orders topic, the agent writing to the database, and a generator.
   *
   * @param builder where the app runs
   * @param dao the database
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, OrderLineDao dao, PrintStream out) {
    App app = builder.build();
    Topic<String, Order> orders = app.topic(ORDERS, String.class, Order.class);

    app.agent(orders).name("to-sql").start(stream -> {
      // Up to 100 orders, or what came within 500 ms: one round trip to the database each.
      for (List<Order> batch : stream.take(100, Duration.ofMillis(500))) {
        try {
          dao.upsert(batch.stream().map(OrdersToSql::enrich).toList());
          out.printf("  wrote %3d order lines (%d in the table)%n", batch.size(), dao.count());
        } catch (SQLException e) { // the batch's offsets are not committed: it comes again
          throw new IllegalStateException("Cannot write " + batch.size() + " order lines to "
              + dao.url() + ": " + e.getMessage(), e);
        }
      }
    });

    AtomicInteger next = new AtomicInteger();
    app.timer(Duration.ofMillis(50), () -> {
      Order o = randomOrder(next.incrementAndGet());
      orders.sendSoon(o.orderId(), o);
    });
    return app;
  }

  private static final List<String> CUSTOMERS = List.of("ann", "bob", "chen", "dana", "emil");
  private static final List<String> COUNTRIES = List.of("DE", "FR", "NL", "US", "JP");

  static Order randomOrder(int n) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int c = r.nextInt(CUSTOMERS.size());
    return new Order("o-" + System.currentTimeMillis() % 100_000_000 + "-" + n,
        CUSTOMERS.get(c), COUNTRIES.get(c), "p-" + r.nextInt(1, 6), r.nextInt(1, 4));
  }

  /**
   * Prints revenue per country, straight from SQL.
   *
   * @param dao the database
   * @param out the console
   * @throws SQLException on a database error
   */
  public static void printRevenue(OrderLineDao dao, PrintStream out) throws SQLException {
    out.println("SELECT country, COUNT(*), SUM(quantity), SUM(total) FROM order_lines"
        + " GROUP BY country ORDER BY SUM(total) DESC:");
    out.printf("  %-7s %6s %6s %12s%n", "country", "orders", "items", "revenue");
    for (OrderLineDao.CountryRevenue r : dao.revenueByCountry()) {
      out.printf("  %-7s %6d %6d %12s%n", r.country(), r.orders(), r.items(), r.revenue());
    }
  }

  @Override
  public String name() {
    return "orders-to-sql";
  }

  @Override
  public String description() {
    return "enriches orders with a product catalogue, batch-inserts them into H2, then SQL";
  }

  @Override
  public void run(ExampleContext ctx) throws SQLException {
    Path dir = ctx.stateDir("orders-to-sql");
    try (OrderLineDao dao = OrderLineDao.open(dir)) {
      ctx.out().println("Database: " + dao.url() + " (user 'sa', no password)");
      ctx.run(create(ctx.app("orders-to-sql"), dao, ctx.out()));
      printRevenue(dao, ctx.out());
    }
  }
}
