package dev.mephisto.testkit.internal;

import dev.mephisto.MephistoException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for Kafka client futures and turns their failures into unchecked exceptions. */
public final class Futures {
  private Futures() {}

  /**
   * @param future what to wait for
   * @param timeout how long
   * @param what what is being done, for the message ("create topic 'x'")
   * @return the result
   * @param <T> result type
   * @throws MephistoException with the Kafka exception as its cause
   */
  public static <T> T get(Future<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new MephistoException("Cannot " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new MephistoException("Cannot " + what + ": no answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MephistoException("Interrupted while waiting to " + what, e);
    }
  }
}
