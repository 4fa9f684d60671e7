package dev.mephisto.examples.joins;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.JoinWindow;
import dev.mephisto.Model;
import dev.mephisto.Topic;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stream–stream left join: a payment joins the logins of its account in the five minutes
 * before it; a payment with no login there is an alert, emitted once the window (plus its grace)
 * has closed, never before a late login could still match it.
 */
public final class PaymentFraud implements Example {
  /** One payment. */
  @Model(namespace = "payment_fraud.Payment")
  public record Payment(String id, String account, double amount) {}

  /** One login. */
  @Model(namespace = "payment_fraud.Login")
  public record Login(String account, String device) {}

  /** A payment without a login before it. */
  @Model(namespace = "payment_fraud.Alert")
  public record Alert(String paymentId, String account, double amount) {}

  /** Where alerts go. */
  public static final String ALERTS = "payment-fraud.alerts";
  /** Payments whose id starts so were sent without a login (the test checks the alerts). */
  public static final String NO_LOGIN = "nologin-";

  /**
   * @param builder where the app runs
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, Payment> payments =
        app.topic("payment-fraud.payments", String.class, Payment.class);
    Topic<String, Login> logins = app.topic("payment-fraud.logins", String.class, Login.class);
    Topic<String, Alert> alerts = app.topic(ALERTS, String.class, Alert.class);
    JoinWindow fiveMinutesBefore = JoinWindow.between(Duration.ofMinutes(5), Duration.ZERO)
        .grace(Duration.ofSeconds(10));
    app.agent(payments).name("fraud").sink(alerts).process(stream -> stream
        .leftJoin(logins, fiveMinutesBefore, (p, l) -> l == null
            ? new Alert(p.id(), p.account(), p.amount()) : null, "payment-login")
        .filter(a -> a != null)
        .peek(a -> out.printf("  ALERT %-16s %-6s %8.2f: no login in the 5 minutes before%n",
            a.paymentId(), a.account(), a.amount())));
    int[] n = {0};
    app.timer(Duration.ofMillis(100), () -> {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      boolean loggedIn = r.nextInt(10) > 0;
      // nine payments in ten come right after a login of their account (acc-0..49); the tenth
      // comes from an account that never logs in here (acc-50..59), as a stolen card would: it
      // alerts, however long the demo runs (an account that logged in for another payment in
      // the last five minutes would not)
      String account = "acc-" + (loggedIn ? r.nextInt(50) : 50 + r.nextInt(10));
      if (loggedIn) {
        logins.send(account, new Login(account, "phone")).join(); // before the payment
      }
      String id = (loggedIn ? "p-" : NO_LOGIN) + n[0]++;
      payments.sendSoon(account, new Payment(id, account, r.nextInt(100, 100_000) / 100.0));
    });
    return app;
  }

  @Override
  public String name() {
    return "payment-fraud";
  }

  @Override
  public String description() {
    return "a stream-stream left join: payments without a login in the 5 minutes before alert";
  }

  @Override
  public void run(ExampleContext ctx) {
    ctx.out().println("Payments joined with logins of the 5 minutes before; alone, they alert:");
    ctx.run(create(ctx.app("payment-fraud"), ctx.out()));
    ctx.printTopicCounts("payment-fraud.payments", "payment-fraud.logins", ALERTS);
  }
}
