package dev.mephisto.spring.boot;

import dev.mephisto.App;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the app's worker while the application context runs: {@link #start()} runs the {@link
 * AppConfigurer}s and starts the worker once every bean is made (so every declaration is done);
 * {@link #stop()} stops it gracefully — agents finish the events they hold, offsets and tables
 * are committed, within {@code mephisto.shutdown-timeout} — before Spring's web server stops.
 *
 * <p>A Mephisto app starts once: a worker that stopped cannot start again in the same context.
 */
public final class MephistoLifecycle implements SmartLifecycle {
  /**
   * The phase: late to start and early to stop, as Spring for Apache Kafka's listener
   * containers, so that the web server (health probes) is up before and after the worker runs.
   */
  public static final int PHASE = Integer.MAX_VALUE - 100;

  private final App app;
  private final boolean autoStartup;
  private final Supplier<List<AppConfigurer>> configurers;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean running;
  private boolean started;

  /**
   * @param app the app
   * @param autoStartup whether to start with the context
   * @param configurers run right before the worker starts
   */
  public MephistoLifecycle(App app, boolean autoStartup, Supplier<List<AppConfigurer>> configurers) {
    this.app = Objects.requireNonNull(app, "app");
    this.autoStartup = autoStartup;
    this.configurers = Objects.requireNonNull(configurers, "configurers");
  }

  @Override
  public void start() {
    lock.lock();
    try {
      if (running) {
        return;
      }
      if (started) {
        throw new IllegalStateException("The Mephisto app '" + app.id() + "' was stopped and "
            + "cannot start again; restart the application instead");
      }
      started = true;
      for (AppConfigurer configurer : configurers.get()) {
        configurer.configure(app);
      }
      app.start();
      running = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    lock.lock();
    try {
      if (running) {
        app.stop(); // drains, commits, closes stores; blocks up to the shutdown timeout
      }
    } finally {
      running = false;
      lock.unlock();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
