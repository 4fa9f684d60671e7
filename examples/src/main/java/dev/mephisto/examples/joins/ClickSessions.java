package dev.mephisto.examples.joins;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.Model;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.WindowedTable;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Session windows: each user's clicks less than {@link #GAP} apart form one session; when a
 * session closes (stream time passed its end plus the gap), its click count is printed and sent
 * to a topic, once.
 */
public final class ClickSessions implements Example {
  /** One click. */
  @Model(namespace = "click_sessions.Click")
  public record Click(String user, String page) {}

  /** One closed session. */
  @Model(namespace = "click_sessions.Session")
  public record Session(String user, Instant start, Instant end, long clicks) {}

  /** The inactivity gap. */
  public static final Duration GAP = Duration.ofSeconds(2);
  /** Where closed sessions go. */
  public static final String SESSIONS = "click-sessions.sessions";

  /**
   * @param builder where the app runs
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, Click> clicks = app.topic("click-sessions.clicks", String.class, Click.class);
    Topic<String, Session> sessions = app.topic(SESSIONS, String.class, Session.class);
    WindowedTable<String, Long> counts = app.windowedTable(
        TableSpec.of("click_sessions", String.class, Long.class).withDefault(0L)
            .session(GAP, Long::sum)
            .onWindowClose((user, w, n) -> {
              out.printf("  %-8s session of %5d ms: %d clicks%n", user,
                  Duration.between(w.start(), w.end()).toMillis(), n);
              sessions.sendSoon(user, new Session(user, w.start(), w.end(), n));
            }));
    app.agent(clicks).name("sessions").start(stream -> {
      for (KeyValue<String, Click> kv : stream.items()) {
        counts.update(kv.key(), n -> n + 1);
      }
    });
    app.timer(Duration.ofMillis(50), () -> {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      // a few users, each clicking in bursts: a user is active in one second out of three
      String user = "user-" + r.nextInt(4);
      if ((System.currentTimeMillis() / 1000 + user.hashCode()) % 3 == 0) {
        clicks.sendSoon(user, new Click(user, "/page/" + r.nextInt(10)));
      }
    });
    return app;
  }

  @Override
  public String name() {
    return "click-sessions";
  }

  @Override
  public String description() {
    return "session windows: clicks per user session (gap " + GAP.toSeconds() + "s), each closed"
        + " session printed once";
  }

  @Override
  public void run(ExampleContext ctx) {
    ctx.out().println("Sessions close " + GAP.toSeconds() + "s after a user's last click:");
    ctx.run(create(ctx.app("click-sessions"), ctx.out()));
    ctx.printTopicCounts("click-sessions.clicks", SESSIONS);
  }
}
