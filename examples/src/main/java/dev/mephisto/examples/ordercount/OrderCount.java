package dev.mephisto.examples.ordercount;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Faust's {@code group_by} example: orders arrive keyed by order id, so one account's orders are
 * spread over every partition; {@code groupBy(Order::accountId, ...)} moves them through a
 * repartition topic keyed by account, after which each account's orders reach one partition, and
 * one shard of the table {@code order_count}. In Faust:
 *
 * <pre>
 * order_count_by_account = app.Table('order_count', default=int)
 *
 * &#64;app.agent(orders_topic)
 * async def process(orders):
 *     async for order in orders.group_by(Order.account_id):
 *         order_count_by_account[order.account_id] += 1
 * </pre>
 *
 * <p>The table is kept in the app's store ({@code memory://} here; {@code order-count-rocksdb}
 * runs the same code on RocksDB) and logged to the changelog topic {@code
 * <app>-order_count-changelog}, from which it is restored after a restart.
 */
public final class OrderCount implements Example {
  /** An order, as in Faust's example: on the wire {@code {"account_id": ..., "product_id": ...}}. */
  @Model(namespace = "order_count.Order", naming = Naming.SNAKE_CASE)
  public record Order(String accountId, String productId, int amount, double price) {}

  /**
   * The app and its table.
   *
   * @param app the app, not started
   * @param counts orders per account
   */
  public record Counting(App app, Table<String, Long> counts) {}

  /**
   * Declares the orders topic, the counting table and agent, a generator, and a timer printing
   * the table every two seconds.
   *
   * @param builder where the app runs (and its store)
   * @param ordersTopic the name of the orders topic
   * @param out the console
   * @return the app, not started, and its table
   */
  public static Counting create(AppBuilder builder, String ordersTopic, PrintStream out) {
    App app = builder.build();
    Topic<String, Order> orders = app.topic(ordersTopic, String.class, Order.class);
    Table<String, Long> counts = app.table("order_count", String.class, Long.class, 0L);

    app.agent(orders).name("count").start(stream -> {
      for (Order order : stream.groupBy(Order::accountId, "accountId")) {
        counts.update(order.accountId(), n -> n + 1);
      }
    });

    AtomicLong orderIds = new AtomicLong(System.currentTimeMillis() * 1000);
    app.timer(Duration.ofMillis(100), () -> {
      Order o = randomOrder();
      orders.sendSoon("order-" + orderIds.incrementAndGet(), o); // keyed by order, not account
    });
    app.timer(Duration.ofSeconds(2), () -> out.println("  order_count: " + describe(counts)));
    return new Counting(app, counts);
  }

  /**
   * @param counts the table
   * @return e.g. {@code acc-1=3 acc-2=5 (8 orders)}, accounts in order
   */
  public static String describe(Table<String, Long> counts) {
    List<KeyValue<String, Long>> items = counts.items().stream()
        .sorted(Comparator.comparing(KeyValue::key)).toList();
    long total = items.stream().mapToLong(KeyValue::value).sum();
    return items.stream().map(kv -> kv.key() + "=" + kv.value()).collect(Collectors.joining(" "))
        + " (" + total + " orders)";
  }

  static Order randomOrder() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new Order("acc-" + r.nextInt(1, 9), "p-" + r.nextInt(1, 6), r.nextInt(1, 4),
        r.nextInt(100, 10_000) / 100.0);
  }

  @Override
  public String name() {
    return "order-count";
  }

  @Override
  public String description() {
    return "Faust's group_by(account_id) + a table of counts per account (memory store)";
  }

  @Override
  public void run(ExampleContext ctx) {
    ctx.run(create(ctx.app("order-count"), "order-count.orders", ctx.out()).app());
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts("order-count.orders", "order-count-count-accountId-repartition",
        "order-count-order_count-changelog");
  }
}
