package dev.mephisto.core.internal.table;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's state-updater thread (as Kafka Streams' {@code DefaultStateUpdater}): applies
 * assignments to the table partitions — restores from changelogs, promotions, standby changes,
 * closes — one after the other, so that the rebalance callback on the polling thread returns at
 * once and a long restore cannot cost the worker its group membership ({@code
 * max.poll.interval.ms}). The restore consumer is used by this thread only. A platform thread: it
 * spends its time in the Kafka client and in store writes (RocksDB), where pinning matters.
 */
final class StateUpdater implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateUpdater.class);
  private static final Runnable STOP = () -> {};

  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Consumer<RuntimeException> failed;
  private volatile boolean closed;

  /**
   * @param name thread name
   * @param failed told when a task fails (the worker must stop), on this thread
   */
  StateUpdater(String name, Consumer<RuntimeException> failed) {
    this.failed = failed;
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /**
   * @param task work on the table partitions
   * @return completed when the task ran (exceptionally if it failed)
   */
  CompletableFuture<Void> submit(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.cancel(false);
      return done;
    }
    tasks.add(() -> {
      try {
        task.run();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
        throw e;
      }
    });
    return done;
  }

  /** @return true if the calling thread is the updater */
  boolean onUpdaterThread() {
    return Thread.currentThread() == thread;
  }

  private void run() {
    while (true) {
      Runnable t;
      try {
        t = tasks.take();
      } catch (InterruptedException e) {
        return;
      }
      if (t == STOP) {
        return;
      }
      try {
        t.run();
      } catch (RuntimeException e) {
        if (closed) {
          log.info("A table task ended while the worker stops: {}", e.getMessage());
        } else {
          failed.accept(e);
        }
      } catch (Error e) {
        log.error("The state updater failed", e);
        throw e;
      }
    }
  }

  /** Lets the running task end (restores check the stop flag) and waits for the thread. */
  @Override
  public void close() {
    closed = true;
    tasks.clear();
    tasks.add(STOP);
    if (thread.isAlive() && !onUpdaterThread()) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
