package dev.mephisto.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a timeout passes, instead of {@code Thread.sleep} in tests.
 * Immutable: every {@code withX}-style method returns a new instance.
 *
 * <pre>{@code
 * long lag = Await.atMost(Duration.ofSeconds(20))
 *     .until("group 'g' has no lag", () -> client.lag("g"), n -> n == 0);
 * }</pre>
 *
 * <p>On timeout it throws an {@link AssertionError} naming the condition, the timeout and the last
 * value seen (and the last exception, if it ignored exceptions).
 */
public final class Await {
  /** The timeout of {@link #defaults()}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration DEFAULT_POLL = Duration.ofMillis(50);

  private final Duration timeout;
  private final Duration pollInterval;
  private final boolean ignoreExceptions;

  private Await(Duration timeout, Duration pollInterval, boolean ignoreExceptions) {
    this.timeout = timeout;
    this.pollInterval = pollInterval;
    this.ignoreExceptions = ignoreExceptions;
  }

  /** @return an await with a 30 s timeout, 50 ms polls, exceptions propagated */
  public static Await defaults() {
    return new Await(DEFAULT_TIMEOUT, DEFAULT_POLL, false);
  }

  /**
   * @param timeout how long to poll before failing
   * @return an await with that timeout and 50 ms polls
   */
  public static Await atMost(Duration timeout) {
    return defaults().withTimeout(timeout);
  }

  /**
   * @param newTimeout how long to poll before failing
   * @return a copy with that timeout
   */
  public Await withTimeout(Duration newTimeout) {
    Objects.requireNonNull(newTimeout, "timeout");
    if (newTimeout.isNegative()) {
      throw new IllegalArgumentException("Await timeout was '" + newTimeout + "' but must be >= 0");
    }
    return new Await(newTimeout, pollInterval, ignoreExceptions);
  }

  /**
   * @param interval time between two polls
   * @return a copy polling at that interval
   */
  public Await pollInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "Await poll interval was '" + interval + "' but must be > 0");
    }
    return new Await(timeout, interval, ignoreExceptions);
  }

  /**
   * @return a copy that treats an exception from the supplier as "not yet" (it is reported if the
   *     wait times out) instead of failing at once
   */
  public Await ignoringExceptions() {
    return new Await(timeout, pollInterval, true);
  }

  /**
   * Polls {@code supplier} until {@code condition} accepts its value.
   *
   * @param description what is awaited, e.g. {@code "topic 'out' has 10 records"}
   * @param supplier reads the current value
   * @param condition decides whether the value is the awaited one
   * @return the accepted value
   * @param <T> value type
   * @throws AssertionError on timeout, with the description and the last value
   */
  public <T> T until(
      String description, Supplier<? extends T> supplier, Predicate<? super T> condition) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(supplier, "supplier");
    Objects.requireNonNull(condition, "condition");
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    T last = null;
    boolean seen = false;
    RuntimeException lastFailure = null;
    while (true) {
      try {
        last = supplier.get();
        seen = true;
        lastFailure = null;
        if (condition.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        if (!ignoreExceptions) {
          throw e;
        }
        lastFailure = e;
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        break;
      }
      LockSupport.parkNanos(Math.min(pollInterval.toNanos(), deadline - now));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting until " + description);
      }
    }
    StringBuilder message = new StringBuilder("Condition not met within ").append(timeout)
        .append(": ").append(description).append("; last value: ")
        .append(seen ? "'" + last + "'" : "none");
    if (lastFailure != null) {
      message.append("; last poll threw ").append(lastFailure);
    }
    AssertionError error = new AssertionError(message.toString());
    if (lastFailure != null) {
      error.initCause(lastFailure);
    }
    throw error;
  }

  /**
   * Polls {@code condition} until it returns true.
   *
   * @param description what is awaited
   * @param condition the condition
   * @throws AssertionError on timeout, with the description
   */
  public void until(String description, BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    until(description, condition::getAsBoolean, Boolean::booleanValue);
  }

  @Override
  public String toString() {
    return "Await[timeout=" + timeout + ", pollInterval=" + pollInterval
        + ", ignoreExceptions=" + ignoreExceptions + "]";
  }
}
