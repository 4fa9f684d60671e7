package dev.mephisto.examples.missingdispatch;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.Model;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders that were not dispatched in time: a table tracks each order from {@code orders} and
 * {@code dispatches}, and a timer reports the orders still open after a deadline (seconds here,
 * days in real life).
 *
 * <p>Both topics are keyed by order id and have the same partition count, so an order and its
 * dispatch land in the same partition number and therefore in the same shard of the table
 * (co-partitioning; a table fed by topics of different partition counts fails at start).
 *
 * <p>Two agents write the table, one per topic, and nothing orders one topic against the other:
 * a dispatch can be read before its order. So each writes with {@code update} (atomic per key)
 * and whichever sees both the order and its dispatch removes the entry. The timer only reads the
 * table and sends alerts keyed by order id; the agent reading the alerts marks the order, in its
 * own partition again.
 */
public final class MissingDispatch implements Example {
  /** An order as the shop publishes it. */
  @Model(namespace = "missing_dispatch.Order")
  public record Order(String orderId, String customer, Instant placedAt) {}

  /** A dispatch as the warehouse publishes it. */
  @Model(namespace = "missing_dispatch.Dispatch")
  public record Dispatch(String orderId, String carrier) {}

  /** An order that was not dispatched in time. */
  @Model(namespace = "missing_dispatch.Alert")
  public record Alert(String orderId, String customer, Instant placedAt, Instant raisedAt) {}

  /**
   * What is known about one order id: the table's value.
   *
   * @param order the order, once read
   * @param dispatched whether its dispatch was read (possibly before the order)
   * @param alerted whether it was reported
   */
  @Model(namespace = "missing_dispatch.OrderStatus")
  public record OrderStatus(Optional<Order> order, boolean dispatched, boolean alerted) {
    /** Nothing known yet: the table's default. */
    public static final OrderStatus NONE = new OrderStatus(Optional.empty(), false, false);

    OrderStatus withOrder(Order o) {
      return new OrderStatus(Optional.of(o), dispatched, alerted);
    }

    OrderStatus withDispatch() {
      return new OrderStatus(order, true, alerted);
    }

    OrderStatus withAlert() {
      return new OrderStatus(order, dispatched, true);
    }

    boolean overdue(Instant now) {
      return order.isPresent() && !dispatched && !alerted
          && order.get().placedAt().plus(DEADLINE).isBefore(now);
    }
  }

  /** How long an order may wait for its dispatch: days in real life. */
  public static final Duration DEADLINE = Duration.ofSeconds(4);

  /** Where orders arrive. */
  public static final String ORDERS = "missing-dispatch.orders";
  /** Where dispatches arrive. */
  public static final String DISPATCHES = "missing-dispatch.dispatches";
  /** Where alerts go. */
  public static final String ALERTS = "missing-dispatch.alerts";

  /**
   * Declares the topics, the table of orders, the agents, the deadline timer and the generators
   * of orders and dispatches.
   *
   * @param builder where the app runs
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, Order> orders = app.topic(ORDERS, String.class, Order.class);
    Topic<String, Dispatch> dispatches = app.topic(DISPATCHES, String.class, Dispatch.class);
    Topic<String, Alert> alerts = app.topic(ALERTS, String.class, Alert.class);
    Table<String, OrderStatus> status =
        app.table("order_status", String.class, OrderStatus.class, OrderStatus.NONE);

    app.agent(orders).name("orders").start(stream -> {
      for (Order o : stream) {
        if (status.update(o.orderId(), s -> s.withOrder(o)).dispatched()) {
          status.remove(o.orderId()); // its dispatch came first: done
        }
      }
    });
    app.agent(dispatches).name("dispatches").start(stream -> {
      for (Dispatch d : stream) {
        if (status.update(d.orderId(), OrderStatus::withDispatch).order().isPresent()) {
          status.remove(d.orderId()); // done
        }
      }
    });
    app.agent(alerts).name("alerts").start(stream -> {
      for (Alert a : stream) {
        out.printf("  ALERT %s of %-5s placed %s ago, not dispatched%n", a.orderId(),
            a.customer(), seconds(Duration.between(a.placedAt(), a.raisedAt())));
        if (status.containsKey(a.orderId())) {
          status.update(a.orderId(), OrderStatus::withAlert);
        }
      }
    });

    // Every second, on every worker: the orders of its own partitions past their deadline.
    Set<String> raised = ConcurrentHashMap.newKeySet(); // sent, not yet marked by the agent
    app.timer(Duration.ofSeconds(1), () -> {
      Instant now = Instant.now();
      for (KeyValue<String, OrderStatus> kv : status.items()) {
        if (kv.value().overdue(now) && raised.add(kv.key())) {
          Order o = kv.value().order().orElseThrow();
          alerts.sendSoon(o.orderId(), new Alert(o.orderId(), o.customer(), o.placedAt(), now));
        }
      }
      raised.removeIf(id -> status.get(id).map(OrderStatus::alerted).orElse(true));
    });

    generators(app, orders, dispatches);
    return app;
  }

  private record Due(Dispatch dispatch, Instant at) {}

  /** Orders every 300 ms; most are dispatched within 1.5 s, one in six never. */
  private static void generators(App app, Topic<String, Order> orders,
      Topic<String, Dispatch> dispatches) {
    Queue<Due> pending = new PriorityBlockingQueue<>(64, Comparator.comparing(Due::at));
    AtomicInteger n = new AtomicInteger();
    List<String> customers = List.of("ann", "bob", "chen", "dana", "emil");
    app.timer(Duration.ofMillis(300), () -> {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      int i = n.incrementAndGet();
      Order o = new Order("o-" + i, customers.get(r.nextInt(customers.size())), Instant.now());
      orders.sendSoon(o.orderId(), o);
      if (r.nextInt(6) != 0) {
        pending.add(new Due(new Dispatch(o.orderId(), r.nextBoolean() ? "DHL" : "UPS"),
            Instant.now().plusMillis(r.nextInt(300, 1500))));
      }
    });
    app.timer(Duration.ofMillis(100), () -> {
      Instant now = Instant.now();
      for (Due d = pending.peek(); d != null && d.at().isBefore(now); d = pending.peek()) {
        pending.poll();
        dispatches.sendSoon(d.dispatch().orderId(), d.dispatch());
      }
    });
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  @Override
  public String name() {
    return "missing-dispatch";
  }

  @Override
  public String description() {
    return "orders + dispatches into one table; a timer reports orders not dispatched within "
        + DEADLINE.toSeconds() + "s";
  }

  @Override
  public void run(ExampleContext ctx) {
    ctx.out().println("Orders must be dispatched within " + seconds(DEADLINE)
        + " (days, in real life); one in six never is:");
    ctx.run(create(ctx.app("missing-dispatch"), ctx.out()));
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts(ORDERS, DISPATCHES, ALERTS);
  }
}
