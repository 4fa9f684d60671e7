package dev.mephisto.core.internal;

import dev.mephisto.core.internal.offsets.Delivery;

/**
 * The record an agent thread is processing now. Tables read it to write to the event's partition
 * and to take the stream time for windows.
 */
public final class EventContext {
  private static final ThreadLocal<Delivery> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Object> VALUE = new ThreadLocal<>();
  private static final ThreadLocal<Inputs> INPUTS = new ThreadLocal<>();

  /**
   * The records the current value of a stream came from, and what to do when an output they caused
   * fails: see {@link Outputs}.
   */
  public interface Inputs {
    /** @return the records being processed now and not yet acknowledged (a {@code take} batch) */
    java.util.List<Delivery> unacked();

    /**
     * An output of these records could not be encoded or stored: the agent's error policy decides
     * (called on a thread of its own, never the producer's).
     *
     * @param inputs the records, each held until this returns unless they must not be committed
     * @param error what went wrong
     * @return true if they may now be released (dead-lettered or skipped), false to hold them
     */
    boolean outputFailed(java.util.List<Delivery> inputs, Throwable error);
  }

  /**
   * @param d the record now being processed on this thread
   * @param value its decoded value
   * @param inputs the stream it came from, whose outputs are tracked
   */
  public static void set(Delivery d, Object value, Inputs inputs) {
    CURRENT.set(d);
    VALUE.set(value);
    INPUTS.set(inputs);
  }

  /** @return the stream whose record this thread is processing, or null */
  public static Inputs inputs() {
    return INPUTS.get();
  }

  private EventContext() {}

  /** @param d the record now being processed on this thread, or null */
  public static void set(Delivery d) {
    CURRENT.set(d);
    VALUE.remove();
    INPUTS.remove();
  }

  /**
   * @param d the record now being processed on this thread
   * @param value its decoded value (windowed tables read their time from it)
   */
  public static void set(Delivery d, Object value) {
    CURRENT.set(d);
    VALUE.set(value);
    INPUTS.remove();
  }

  /** @return the record being processed on this thread, or null outside stream processing */
  public static Delivery current() {
    return CURRENT.get();
  }

  /** @return the decoded value of the record being processed, or null if unknown */
  public static Object currentValue() {
    Delivery d = CURRENT.get();
    if (d != null && d.decoded()) {
      return d.valueObject();
    }
    return VALUE.get();
  }

  /** Forgets the record of this thread. */
  public static void clear() {
    CURRENT.remove();
    VALUE.remove();
    INPUTS.remove();
  }
}
