package dev.mephisto.core.internal.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop the worker, so that a clean stop ends {@code
 * main} normally and the process exits with the worker's status (0), not the JVM's 143/130 for a
 * signal. A second signal exits at once (shutdown hooks run). Where the JVM offers no signal API
 * ({@code sun.misc.Signal}, module {@code jdk.unsupported}), the caller's shutdown hook stops the
 * worker instead and the JVM's status applies.
 */
final class StopSignals implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
  private static final List<String> NAMES = List.of("TERM", "INT");

  private final List<Object[]> previous = new ArrayList<>();
  private final AtomicInteger received = new AtomicInteger();
  private Method handle;

  private StopSignals() {}

  /**
   * @param onStop run (on the signal's thread) when the first signal arrives
   * @return the installed handlers; {@link #installed()} false if signals cannot be caught
   */
  static StopSignals install(Runnable onStop) {
    StopSignals s = new StopSignals();
    try {
      // reflection: referring to sun.misc.Signal in source draws a warning -Xlint cannot drop
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      s.handle = signal.getMethod("handle", signal, handler);
      InvocationHandler call = (proxy, method, args) -> {
        switch (method.getName()) {
          case "handle" -> s.onSignal(String.valueOf(args[0]), onStop);
          case "toString" -> {
            return "mephisto-stop-signals";
          }
          case "hashCode" -> {
            return System.identityHashCode(proxy);
          }
          case "equals" -> {
            return proxy == args[0];
          }
          default -> { }
        }
        return null;
      };
      Object h = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handler}, call);
      for (String name : NAMES) {
        // each on its own: a JVM started in the background may have SIGINT ignored, and SIGTERM
        // must still be caught then
        try {
          Object sig = signal.getConstructor(String.class).newInstance(name);
          s.previous.add(new Object[] {sig, s.handle.invoke(null, sig, h)});
        } catch (ReflectiveOperationException | RuntimeException e) {
          log.debug("Cannot catch SIG{} ({}); a shutdown hook stops the worker on it instead",
              name, e.toString());
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.debug("Cannot catch SIGTERM/SIGINT ({}); a shutdown hook stops the worker instead", e.toString());
      s.restore();
    }
    return s;
  }

  /** @return true if signals reach {@code onStop} instead of ending the JVM */
  boolean installed() {
    return !previous.isEmpty();
  }

  private void onSignal(String name, Runnable onStop) {
    if (received.incrementAndGet() == 1) {
      log.info("Received {}; stopping the worker (send it again to exit at once)", name);
      onStop.run();
    } else {
      log.warn("Received {} again; exiting without waiting for the worker to stop", name);
      Runtime.getRuntime().exit(name.contains("INT") ? 130 : 143);
    }
  }

  private void restore() {
    for (Object[] p : previous) {
      try {
        if (p[1] != null) {
          handle.invoke(null, p[0], p[1]);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        log.debug("Cannot restore the handler of {}: {}", p[0], e.toString());
      }
    }
    previous.clear();
  }

  @Override
  public void close() {
    restore();
  }
}
