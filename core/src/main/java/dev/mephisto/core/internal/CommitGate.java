package dev.mephisto.core.internal;

import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.offsets.PartitionTracker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Lets an exactly-once commit happen between records: while one is under way, agents that are
 * about to start a new record wait, and the committer waits (on a condition, woken by agents)
 * until no record is being processed. Open (free) for at-least-once.
 *
 * <p>The agent marks a record taken before it looks at the gate and the committer closes the
 * gate before it looks for taken records (both volatile): either the agent sees the gate closed
 * and steps back, or the committer sees the record and waits for it. A commit therefore never
 * covers part of a record's work.
 *
 * <p>Several agents may read one partition, each at its own pace. A commit therefore cuts each
 * partition at the highest record any agent started ({@link PartitionTracker#freezeCut}): agents
 * behind the cut are let through up to it, agents at the cut wait, and the commit waits until
 * every record up to the cut is done. Its offsets then cover every record whose outputs the
 * transaction holds — none is committed as output but left to be processed again.
 *
 * <p>An agent that holds records it has not finished (a part-filled {@code take} batch, an
 * operator that buffers) is let through, and extends the cut: stopping it would stop the very
 * records the commit waits for. Its batch ends by {@code take}'s {@code within} at the latest,
 * so a commit waits at most that long plus the processing of the batch.
 */
public final class CommitGate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition opened = lock.newCondition();
  private final Condition progress = lock.newCondition();
  private volatile boolean closed;
  // set once the committer fixed every partition's cut; until then a closed gate holds everyone
  private volatile boolean cut;
  // false under at-least-once: nothing closes the gate, so nobody needs the cuts
  private final boolean closable;

  /** A gate exactly-once commits close. */
  public CommitGate() {
    this.closable = true;
  }

  private CommitGate(boolean closable) {
    this.closable = closable;
  }

  /**
   * @return a gate that never closes (at-least-once): {@link #enter} only marks the record taken,
   *     without recording where each partition's agents started (the exactly-once cut)
   */
  public static CommitGate neverClosing() {
    return new CommitGate(false);
  }

  /**
   * Called by an agent before it starts a record: marks it taken, waiting first while a commit is
   * under way unless the record lies within the commit's cut or the agent still holds unfinished
   * records.
   *
   * @param d the record about to be processed
   * @param holding true if the agent holds records it has not finished (they keep it going)
   * @throws InterruptedException if interrupted while waiting
   */
  public void enter(Delivery d, boolean holding) throws InterruptedException {
    if (!closable) {
      d.markTaken(); // an at-least-once revoke waits for taken records
      return;
    }
    PartitionTracker t = d.tracker();
    while (true) {
      // started, then taken, then the gate: the committer closes the gate, then reads both
      if (t != null) {
        t.started(d.offset());
      }
      d.markTaken();
      if (!closed) {
        return;
      }
      if (holding) {
        if (t != null) {
          t.raiseCut(d.offset());
        }
        signalAll(opened); // agents behind may now catch up to the wider cut
        return;
      }
      if (cut && (t == null || d.offset() <= t.cut())) {
        return; // behind the cut: the commit waits for this record
      }
      d.unmarkTaken(); // not started after all: the committer must not wait for it
      lock.lock();
      try {
        progress.signalAll();
        while (closed && !(cut && (t == null || d.offset() <= t.cut()))) {
          opened.await();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void signalAll(Condition c) {
    lock.lock();
    try {
      c.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Called when a record became done: wakes a committer waiting for records in flight. */
  public void recordDone() {
    if (closed) {
      lock.lock();
      try {
        progress.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** @return true while a commit keeps agents from starting records */
  public boolean isClosed() {
    return closed;
  }

  /** Stops agents from starting new records (those within a cut excepted, once it is fixed). */
  public void close() {
    if (!closable) {
      throw new IllegalStateException("An at-least-once worker's commit gate never closes");
    }
    closed = true;
  }

  /**
   * The committer fixed every partition's cut (after {@link #close}): agents behind it go on up
   * to it.
   */
  public void cutFixed() {
    cut = true;
    signalAll(opened);
  }

  /**
   * Waits, with the gate closed, until {@code quiet} holds (no record is being processed).
   *
   * @param quiet checked under the gate's lock each time an agent made progress
   * @param giveUp checked as well: true ends the wait (the worker stops)
   * @param maxWait longest wait between checks of {@code giveUp}, in nanoseconds
   * @return true when quiet, false when {@code giveUp} answered true first
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitQuiet(BooleanSupplier quiet, BooleanSupplier giveUp, long maxWait)
      throws InterruptedException {
    lock.lock();
    try {
      while (!quiet.getAsBoolean()) {
        if (giveUp.getAsBoolean()) {
          return false;
        }
        progress.await(maxWait, TimeUnit.NANOSECONDS);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Lets agents go on. */
  public void open() {
    lock.lock();
    try {
      closed = false;
      cut = false;
      opened.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
