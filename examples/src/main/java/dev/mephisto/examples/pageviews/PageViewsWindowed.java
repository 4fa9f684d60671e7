package dev.mephisto.examples.pageviews;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.Model;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.WindowedTable;
import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Page views per page and per window: Faust's tumbling-window example, with windows of 5 seconds
 * instead of a minute so that some close while you watch.
 *
 * <pre>
 * page_views = app.Table('page_views', default=int).tumbling(60.0, expires=3600.0)
 *
 * &#64;app.agent(page_view_topic)
 * async def count_page_views(views):
 *     async for view in views.group_by(PageView.page):
 *         page_views[view.page] += 1
 * </pre>
 *
 * <p>Time is the stream's: each event's timestamp moves its table partition's clock, and a
 * window closes when that clock passes the window's end (plus {@code grace}). Then {@code
 * onWindowClose} gets the window's final count, once; here it prints it and sends it to {@code
 * page-views.window-counts}, which is how the results of a windowed aggregation usually leave the
 * app. Windows are deleted {@code expires} after their end.
 */
public final class PageViewsWindowed implements Example {
  /** One page view. */
  @Model(namespace = "page_views.PageView")
  public record PageView(String page, String user) {}

  /** The final count of one page in one window. */
  @Model(namespace = "page_views.WindowCount")
  public record WindowCount(String page, Instant start, Instant end, long views) {}

  /** The window size: a minute in Faust's example, seconds here. */
  public static final Duration WINDOW = Duration.ofSeconds(5);

  /** Where closed windows go. */
  public static final String WINDOW_COUNTS = "page-views.window-counts";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /**
   * Declares the topics, the windowed table, the counting agent and a generator.
   *
   * @param builder where the app runs
   * @param out the console
   * @return the app, not started
   */
  public static App create(AppBuilder builder, PrintStream out) {
    App app = builder.build();
    Topic<String, PageView> views = app.topic("page-views.views", String.class, PageView.class);
    Topic<String, WindowCount> counts =
        app.topic(WINDOW_COUNTS, String.class, WindowCount.class);

    WindowedTable<String, Long> pageViews =
        app.windowedTable(TableSpec.of("page_views", String.class, Long.class).withDefault(0L)
        .tumbling(WINDOW)
        .expires(Duration.ofMinutes(1))
        .onWindowClose((page, window, n) -> {
          out.printf("  window %s-%s  %-10s %3d views%n", TIME.format(window.start()),
              TIME.format(window.end()), page, n);
          counts.sendSoon(page, new WindowCount(page, window.start(), window.end(), n));
        }));

    app.agent(views).name("count").start(stream -> {
      for (PageView view : stream.groupBy(PageView::page, "page")) {
        pageViews.update(view.page(), n -> n + 1);
      }
    });

    app.timer(Duration.ofMillis(100), () -> {
      PageView v = randomView();
      views.sendSoon(v.user(), v); // keyed by user: group_by moves each page to one partition
    });
    return app;
  }

  private static final List<String> PAGES = List.of("/home", "/search", "/product", "/cart",
      "/checkout");

  static PageView randomView() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    // earlier pages are visited more often, as in real shops
    String page = PAGES.get(Math.min(r.nextInt(PAGES.size()), r.nextInt(PAGES.size())));
    return new PageView(page, "user-" + r.nextInt(1, 50));
  }

  @Override
  public String name() {
    return "page-views-windowed";
  }

  @Override
  public String description() {
    return "page views per " + WINDOW.toSeconds() + "s tumbling window; onWindowClose prints"
        + " each closed window";
  }

  @Override
  public void run(ExampleContext ctx) {
    ctx.out().println("Windows of " + WINDOW.toSeconds() + "s close as stream time passes their"
        + " end; each closed window is printed once:");
    ctx.run(create(ctx.app("page-views"), ctx.out()));
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts("page-views.views", WINDOW_COUNTS);
  }
}
