package dev.mephisto.core.internal.offsets;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record on its way to the agents that subscribe to its topic. It is done when each
 * of them acknowledged it; the partition's tracker then lets its offset be committed.
 */
public final class Delivery {
  private static final AtomicIntegerFieldUpdater<Delivery> REMAINING =
      AtomicIntegerFieldUpdater.newUpdater(Delivery.class, "remaining");
  private static final AtomicIntegerFieldUpdater<Delivery> TAKERS =
      AtomicIntegerFieldUpdater.newUpdater(Delivery.class, "takers");

  private final ConsumerRecord<byte[], byte[]> record;
  private final PartitionTracker tracker;
  private final Object key;
  private final Object value;
  private final boolean decoded;
  private volatile int remaining;
  // subscribers processing it now: taken and not yet acknowledged (an exactly-once commit waits
  // for 0; a record another subscriber has not taken yet is not in processing)
  private volatile int takers;
  private volatile Runnable onDone;

  /**
   * @param record the record
   * @param tracker its partition's tracker, or null for in-memory channels (nothing to commit)
   * @param subscribers how many agents must acknowledge it
   */
  public Delivery(ConsumerRecord<byte[], byte[]> record, PartitionTracker tracker, int subscribers) {
    this.record = record;
    this.tracker = tracker;
    this.remaining = subscribers;
    this.key = null;
    this.value = null;
    this.decoded = false;
  }

  /**
   * A delivery of an in-memory channel: the objects themselves, nothing to decode or commit.
   *
   * @param record coordinates (bytes null)
   * @param key the key object
   * @param value the value object
   * @param subscribers how many agents must acknowledge it
   */
  public Delivery(ConsumerRecord<byte[], byte[]> record, Object key, Object value, int subscribers) {
    this.record = record;
    this.tracker = null;
    this.remaining = subscribers;
    this.key = key;
    this.value = value;
    this.decoded = true;
  }

  /** @return true for channel deliveries that carry objects instead of bytes */
  public boolean decoded() {
    return decoded;
  }

  /** @return the key object of a channel delivery */
  public Object keyObject() {
    return key;
  }

  /** @return the value object of a channel delivery */
  public Object valueObject() {
    return value;
  }

  /** @return the raw record */
  public ConsumerRecord<byte[], byte[]> record() {
    return record;
  }

  /** @return the partition's tracker, or null for in-memory channels */
  public PartitionTracker tracker() {
    return tracker;
  }

  /** @return false if the partition was revoked: the new owner will process the record */
  public boolean live() {
    return tracker == null || !tracker.revoked();
  }

  /** Marks that an agent started processing it. */
  public void markTaken() {
    TAKERS.incrementAndGet(this);
  }

  /** Undoes {@link #markTaken()}: the agent did not start it after all (an exactly-once commit). */
  public void unmarkTaken() {
    TAKERS.decrementAndGet(this);
  }

  /** @return true while an agent that took it has not acknowledged it */
  public boolean taken() {
    return takers > 0;
  }

  /**
   * Holds it back until an output it caused (a send made while it was processed) is
   * acknowledged by the broker: {@link #outputDone} releases it. Outputs and subscribers share one
   * count, so it is done only when every subscriber acked it and every output is stored.
   *
   * @return false if it is already done (a {@code noAck} stream): nothing is held
   */
  public boolean holdForOutput() {
    int r;
    do {
      r = remaining;
      if (r <= 0) {
        return false;
      }
    } while (!REMAINING.compareAndSet(this, r, r + 1));
    return true;
  }

  /** An output held by {@link #holdForOutput} is stored (or its failure was dealt with). */
  public void outputDone() {
    countDown(); // not a subscriber finishing: its taker, if any, is still processing
  }

  /** Acknowledges it for one subscriber. */
  public void ack() {
    int t;
    while ((t = takers) > 0 && !TAKERS.compareAndSet(this, t, t - 1)) {
      Thread.onSpinWait();
    }
    countDown();
  }

  private void countDown() {
    if (REMAINING.decrementAndGet(this) == 0) {
      if (tracker != null) {
        tracker.doneOne();
      }
      Runnable r = onDone;
      if (r != null) {
        r.run();
      }
    }
  }

  /** @param action run once, when the last subscriber acknowledged it */
  public void onDone(Runnable action) {
    this.onDone = action;
  }

  /** @return true when every subscriber acknowledged it */
  public boolean done() {
    return remaining <= 0;
  }

  /** @return the record's offset */
  public long offset() {
    return record.offset();
  }
}
