package dev.mephisto.bench.raw;

import dev.mephisto.bench.RunContext;
import java.time.Duration;

/**
 * A hand-written poll loop on its own platform thread, the way one would write it with
 * kafka-clients alone: poll, process the batch, commit every {@link RunContext#commitInterval()}.
 */
abstract class RawLoop {
  static final Duration POLL = Duration.ofMillis(100);
  static final int MAX_POLL_RECORDS = 1000; // Kafka Streams' default, for a like comparison

  private final String name;
  private volatile boolean running = true;
  private Thread thread;

  RawLoop(String name) {
    this.name = name;
  }

  /**
   * Runs until {@link #running()} turns false; closes its clients before returning.
   *
   * @param ctx the run
   * @throws Exception anything; reported as the run's failure
   */
  abstract void loop(RunContext ctx) throws Exception;

  final boolean running() {
    return running;
  }

  final void start(RunContext ctx) {
    thread = new Thread(() -> {
      try {
        loop(ctx);
      } catch (Throwable t) {
        ctx.fail(t);
      }
    }, "raw-" + name);
    thread.start();
  }

  /** Asks the loop to stop and waits for it. */
  final void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Tells when a commit is due. */
  static final class CommitClock {
    private final long intervalNanos;
    private long last = System.nanoTime();

    CommitClock(Duration interval) {
      this.intervalNanos = interval.toNanos();
    }

    boolean due() {
      long now = System.nanoTime();
      if (now - last >= intervalNanos) {
        last = now;
        return true;
      }
      return false;
    }
  }
}
