package dev.mephisto.core.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets an exactly-once commit happen between records: while one is under way, agents that are
 * about to start a new record wait. Open (free) for at-least-once.
 */
public final class CommitGate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition opened = lock.newCondition();
  private volatile boolean closed;

  /** Called by agents before they start a record: waits while a commit is under way. */
  public void pass() throws InterruptedException {
    if (!closed) {
      return;
    }
    lock.lock();
    try {
      while (closed) {
        opened.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops agents from starting new records. */
  public void close() {
    closed = true;
  }

  /** Lets agents go on. */
  public void open() {
    lock.lock();
    try {
      closed = false;
      opened.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
