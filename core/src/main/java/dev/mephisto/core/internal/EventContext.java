package dev.mephisto.core.internal;

import dev.mephisto.core.internal.offsets.Delivery;

/**
 * The record an agent thread is processing now. Tables read it to write to the event's partition
 * and to take the stream time for windows.
 */
public final class EventContext {
  private static final ThreadLocal<Delivery> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Object> VALUE = new ThreadLocal<>();

  private EventContext() {}

  /** @param d the record now being processed on this thread, or null */
  public static void set(Delivery d) {
    CURRENT.set(d);
    VALUE.remove();
  }

  /**
   * @param d the record now being processed on this thread
   * @param value its decoded value (windowed tables read their time from it)
   */
  public static void set(Delivery d, Object value) {
    CURRENT.set(d);
    VALUE.set(value);
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
  }
}
