package dev.mephisto.core.internal.offsets;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks the records of one partition between poll and acknowledgement, in offset order, and
 * gives the offset to commit: one past the highest record such that it and every record before
 * it are done. Records acknowledged out of order (concurrent agents, filters) leave a gap that
 * holds the commit back until it closes.
 *
 * <p>{@link #add} and {@link #advance} run on the polling thread only; agents only mark records
 * done.
 */
public final class PartitionTracker {
  private final TopicPartition partition;
  private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
  private long committable = -1;
  private long polled = -1; // read by the polling thread only
  private long committed = -1;
  private long doneSinceCommit;
  private final AtomicInteger undone = new AtomicInteger();
  private boolean paused;
  private volatile boolean revoked;
  // exactly-once cuts: the highest offset any agent started, and the offset up to which every
  // agent must have processed this partition before the commit under way (-1: none)
  private final AtomicLong maxStarted = new AtomicLong(-1);
  private final AtomicLong cut = new AtomicLong(-1);
  private final Runnable onRecordDone;

  /** @param partition the partition */
  public PartitionTracker(TopicPartition partition) {
    this(partition, null);
  }

  /**
   * @param partition the partition
   * @param onRecordDone run (on the acknowledging thread) each time a record became done, or
   *     null; an exactly-once commit waiting for records in flight is woken by it
   */
  public PartitionTracker(TopicPartition partition, Runnable onRecordDone) {
    this.partition = partition;
    this.onRecordDone = onRecordDone;
  }

  /** @return the partition */
  public TopicPartition partition() {
    return partition;
  }

  /** @param d a newly polled record of this partition, in offset order */
  public void add(Delivery d) {
    if (!d.done()) {
      undone.incrementAndGet();
    }
    inFlight.addLast(d);
    polled = d.offset();
  }

  /** @return the offset after the last record polled, or -1 before the first (polling thread) */
  public long position() {
    long p = polled;
    return p < 0 ? -1 : p + 1;
  }

  /** @return the offset after the last record done in order, or -1 before the first */
  public long doneOffset() {
    return committable;
  }

  /** A record of this partition became done (called by the agent that acked it last). */
  void doneOne() {
    undone.decrementAndGet();
    if (onRecordDone != null) {
      onRecordDone.run();
    }
  }

  /** @return records polled and not yet done (the backpressure measure) */
  public int undone() {
    return undone.get();
  }

  /**
   * Moves the commit point over every done record at the head.
   *
   * @return how many records became committable
   */
  public int advance() {
    int n = 0;
    Delivery head;
    while ((head = inFlight.peekFirst()) != null && head.done()) {
      inFlight.pollFirst();
      committable = head.offset() + 1;
      n++;
    }
    doneSinceCommit += n;
    return n;
  }

  /** @return records polled and not yet done */
  public int inFlight() {
    return inFlight.size();
  }

  /**
   * @return true if an agent is processing one of its records now (took it and did not
   *     acknowledge it; a record other subscribers have not taken yet does not count)
   */
  public boolean anyTakenNotDone() {
    for (Delivery d : inFlight) {
      if (d.taken()) {
        return true;
      }
    }
    return false;
  }

  /** @return the next offset to commit, or -1 if nothing new is done */
  public long toCommit() {
    return committable > committed ? committable : -1;
  }

  /** @return records done since the last commit */
  public long doneSinceCommit() {
    return doneSinceCommit;
  }

  /** @param offset the offset just committed */
  public void committed(long offset) {
    committed = offset;
    doneSinceCommit = 0;
  }

  /** @return the last committed next-offset, or -1 */
  public long lastCommitted() {
    return committed;
  }

  /** @return whether fetching is paused for backpressure */
  public boolean paused() {
    return paused;
  }

  /** @param pause whether fetching is paused for backpressure */
  public void paused(boolean pause) {
    this.paused = pause;
  }

  /** Marks the partition revoked: agents skip its queued records. */
  public void revoke() {
    revoked = true;
  }

  /** @return true once revoked */
  public boolean revoked() {
    return revoked;
  }

  /**
   * An agent is about to process the record at {@code offset} (several agents may read the
   * partition, each at its own pace).
   *
   * @param offset the record's offset
   */
  public void started(long offset) {
    raise(maxStarted, offset);
  }

  /**
   * Fixes the cut of an exactly-once commit (polling thread, gate closed): every record any agent
   * started so far belongs to it, so every agent must finish every record up to there and none
   * may start one after it. The commit's offsets then cover exactly the records whose outputs and
   * table writes the transaction holds, even when the agents reading this partition are at
   * different offsets.
   */
  public void freezeCut() {
    raise(cut, maxStarted.get());
  }

  /**
   * Extends the cut to a record an agent has to start during the commit (it holds a part-filled
   * batch that the commit waits for).
   *
   * @param offset the record's offset
   */
  public void raiseCut(long offset) {
    raise(cut, offset);
  }

  /** @return the offset up to which agents must process this partition, -1 if no commit cuts */
  public long cut() {
    return cut.get();
  }

  /**
   * @return true when every record up to the cut is done (polling thread: moves the commit
   *     point first)
   */
  public boolean cutDone() {
    advance();
    long c = cut.get();
    return c < 0 || committable > c;
  }

  /** The commit that needed the cut is over: agents go on freely. */
  public void clearCut() {
    cut.set(-1);
  }

  private static void raise(AtomicLong a, long v) {
    long m;
    while ((m = a.get()) < v && !a.compareAndSet(m, v)) {
      Thread.onSpinWait();
    }
  }
}
