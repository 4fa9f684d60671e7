package dev.mephisto.examples.faustinterop;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.FieldDefault;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import dev.mephisto.TaskOptions;
import dev.mephisto.Topic;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Talking to a Python Faust app. The Faust side declares:
 *
 * <pre>
 * # faust_orders.py
 * class Order(faust.Record, serializer='json'):
 *     account_id: str
 *     product_id: str
 *     amount: int
 *     price: float
 *     currency: str = 'EUR'   # added later: older messages lack it
 *
 * class OrderValue(faust.Record, serializer='json'):
 *     account_id: str
 *     product_id: str
 *     value: float
 *     currency: str
 * </pre>
 *
 * <p>The Java records below mirror them with Java's camelCase components: {@code @Model(naming =
 * Naming.SNAKE_CASE)} reads and writes {@code accountId} as Faust's {@code account_id}, and
 * {@code @FieldDefault("EUR")} gives messages written before {@code currency} existed the value
 * Faust's default gives them. The namespaces are the ones Faust derives from module and class
 * ({@code faust_orders.Order}). Faust's messages carry {@code "__faust": {"ns": ...}}; Mephisto
 * reads them with or without it and writes it back, byte for byte as Python's {@code json.dumps}
 * would (separators, float formatting, fields in declaration order, {@code __faust} last).
 */
public final class FaustInterop implements Example {
  /** An order as the Faust app writes it. */
  @Model(namespace = "faust_orders.Order", naming = Naming.SNAKE_CASE)
  public record Order(String accountId, String productId, int amount, double price,
      @FieldDefault("EUR") String currency) {}

  /** What Mephisto writes back for the Faust app to read. */
  @Model(namespace = "faust_orders.OrderValue", naming = Naming.SNAKE_CASE)
  public record OrderValue(String accountId, String productId, double value, String currency) {}

  /** The topic Faust writes orders to. */
  public static final String ORDERS = "faust-interop.orders";
  /** The topic Mephisto writes order values to. */
  public static final String VALUES = "faust-interop.order-values";

  /**
   * Order messages exactly as Python Faust sends them: {@code json.dumps} layout, fields in
   * declaration order, then {@code __faust}. The first and third were sent before {@code currency}
   * was added to the Faust record, so they lack it; the last one is a plain dict, as a Faust app
   * sends when it writes a {@code dict} instead of a record: it has no {@code __faust} field.
   */
  public static final List<String> FAUST_ORDERS = List.of(
      "{\"account_id\": \"acc-1\", \"product_id\": \"p-100\", \"amount\": 2, \"price\": 9.99, "
          + "\"__faust\": {\"ns\": \"faust_orders.Order\"}}",
      "{\"account_id\": \"acc-2\", \"product_id\": \"p-200\", \"amount\": 3, \"price\": 0.1, "
          + "\"currency\": \"USD\", \"__faust\": {\"ns\": \"faust_orders.Order\"}}",
      "{\"account_id\": \"acc-3\", \"product_id\": \"p-300\", \"amount\": 1, \"price\": 1e+16, "
          + "\"__faust\": {\"ns\": \"faust_orders.Order\"}}",
      "{\"account_id\": \"acc-1\", \"product_id\": \"p-400\", \"amount\": 4, \"price\": 12.5}");

  /**
   * What the Faust app reads back for each of {@link #FAUST_ORDERS}, in the same order. Note
   * {@code 0.30000000000000004} and {@code 1e+16}: floats are written as Python prints them; and
   * {@code "EUR"} where the order had no currency.
   */
  public static final List<String> FAUST_VALUES = List.of(
      "{\"account_id\": \"acc-1\", \"product_id\": \"p-100\", \"value\": 19.98, "
          + "\"currency\": \"EUR\", \"__faust\": {\"ns\": \"faust_orders.OrderValue\"}}",
      "{\"account_id\": \"acc-2\", \"product_id\": \"p-200\", \"value\": 0.30000000000000004, "
          + "\"currency\": \"USD\", \"__faust\": {\"ns\": \"faust_orders.OrderValue\"}}",
      "{\"account_id\": \"acc-3\", \"product_id\": \"p-300\", \"value\": 1e+16, "
          + "\"currency\": \"EUR\", \"__faust\": {\"ns\": \"faust_orders.OrderValue\"}}",
      "{\"account_id\": \"acc-1\", \"product_id\": \"p-400\", \"value\": 50.0, "
          + "\"currency\": \"EUR\", \"__faust\": {\"ns\": \"faust_orders.OrderValue\"}}");

  /**
   * Declares the two topics and the agent between them.
   *
   * @param builder where the app runs
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, Order> orders = app.topic(ORDERS, String.class, Order.class);
    Topic<String, OrderValue> values = app.topic(VALUES, String.class, OrderValue.class);
    app.agent(orders).name("value-orders").sink(values).process(stream -> stream
        .peek(o -> out.println("  java      " + o))
        .map(o -> new OrderValue(o.accountId(), o.productId(), o.amount() * o.price(),
            o.currency())));
    return app;
  }

  @Override
  public String name() {
    return "faust-interop";
  }

  @Override
  public String description() {
    return "reads Faust's JSON (with \"__faust\": {\"ns\": ...}) and writes it back Faust-readable";
  }

  @Override
  public void run(ExampleContext ctx) {
    String bootstrap = String.join(",", ctx.broker().substring("kafka://".length()).split(";"));
    App app = create(ctx.app("faust-interop"), ctx.out());
    try (PythonFaustStandIn faust = new PythonFaustStandIn(bootstrap, ctx.out())) {
      app.task(TaskOptions.everyWorker(), () -> faust.follow(VALUES)); // the topic exists now
      app.timer(Duration.ofSeconds(1), faust::sendNextOrder);
      ctx.out().println("faust -> : bytes the Python app sends; java: what Mephisto decoded;"
          + " faust <- : bytes the Python app reads back");
      ctx.run(app);
    }
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts(ORDERS, VALUES);
  }
}
