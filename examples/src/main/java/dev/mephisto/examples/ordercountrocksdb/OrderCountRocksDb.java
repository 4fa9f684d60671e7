package dev.mephisto.examples.ordercountrocksdb;

import dev.mephisto.examples.Example;
import dev.mephisto.examples.ExampleContext;
import dev.mephisto.examples.ordercount.OrderCount;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code order-count} on RocksDB ({@code mephisto-store-rocksdb}): the same app with {@code
 * .store("rocksdb:///path")}. RocksDB keeps each table partition on disk together with the offset
 * of the last changelog record it holds, so after a restart a worker replays only the changelog's
 * tail instead of the whole changelog.
 *
 * <p>The run restarts the app half-way: the worker stops, a new one opens the same directory, and
 * the counts go on from where they were. With {@code --state-dir DIR} and {@code --broker} the
 * data survives between runs too: run it again and the totals continue.
 */
public final class OrderCountRocksDb implements Example {
  /** The app id; the RocksDB files are under {@code <state dir>/order-count-rocksdb}. */
  public static final String APP_ID = "order-count-rocksdb";

  private static final Duration RESTORE_WAIT = Duration.ofSeconds(15);

  @Override
  public String name() {
    return "order-count-rocksdb";
  }

  @Override
  public String description() {
    return "order-count on rocksdb://, restarted half-way: the totals continue";
  }

  @Override
  public void run(ExampleContext ctx) {
    Path dir = ctx.stateDir("rocksdb");
    String store = "rocksdb://" + dir.toAbsolutePath();
    ctx.out().println("Store: " + store);
    Duration half = ctx.duration().dividedBy(2);

    ctx.say("first worker");
    if (!runWorker(ctx, store, half)) {
      return;
    }
    ctx.say("second worker on the same RocksDB directory: a restart");
    runWorker(ctx, store, ctx.duration().minus(half));
    ctx.out().println("Summary (messages in each topic):");
    ctx.printTopicCounts("order-count-rocksdb.orders", APP_ID + "-order_count-changelog");
  }

  /** Runs one worker; returns false if the run must stop (Ctrl-C). */
  private static boolean runWorker(ExampleContext ctx, String store, Duration howLong) {
    OrderCount.Counting c = OrderCount.create(ctx.app(APP_ID).store(store),
        "order-count-rocksdb.orders", ctx.out());
    c.app().start();
    try {
      // The table is restored (from RocksDB, then the changelog's tail) before the agent resumes.
      Instant deadline = Instant.now().plus(RESTORE_WAIT);
      while (c.counts().size() == 0 && Instant.now().isBefore(deadline)
          && !ctx.awaitStop(Duration.ofMillis(100))) {
        // wait for the first assignment
      }
      ctx.say("table after start: %s", OrderCount.describe(c.counts()));
      ctx.awaitStop(howLong);
      ctx.say("table before stop: %s", OrderCount.describe(c.counts()));
    } finally {
      c.app().stop();
    }
    ctx.say("stopped%s", ctx.stopRequested() ? " (stop requested)" : "");
    return !ctx.stopRequested();
  }
}
