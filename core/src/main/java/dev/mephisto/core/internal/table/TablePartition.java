package dev.mephisto.core.internal.table;

import dev.mephisto.RecordMetadata;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.Stores;
import dev.mephisto.store.StoreSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of one table on this worker: its store, its role, and the offsets of its own
 * changelog writes. Writers (agents, timers, the restorer, the follower, window closing) hold
 * {@link #lock} so that the store and the changelog see writes in the same order; readers do
 * not lock.
 */
final class TablePartition {
  private static final Logger log = LoggerFactory.getLogger(TablePartition.class);

  final TableCore table;
  final int partition;
  final TopicPartition changelog;
  final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong acked = new AtomicLong(-1);
  private volatile Store store;
  private volatile Role role = Role.NONE;
  private volatile Throwable sendFailure;
  private long checkpointed = -1;
  /** Window bookkeeping; null until first needed after (re)activation. Guarded by lock. */
  WindowState windows;
  /** Latest event time a windowed table saw in this partition (Faust's stream time). */
  volatile long streamTime = Long.MIN_VALUE;

  /** Called by the producer with each changelog write's outcome; one instance, no allocation. */
  final BiConsumer<RecordMetadata, Throwable> onAck = (md, e) -> {
    if (e != null) {
      if (sendFailure == null) {
        sendFailure = e;
      }
    } else {
      long o = md.offset();
      long prev;
      while (o > (prev = acked.get()) && !acked.compareAndSet(prev, o)) {
        Thread.onSpinWait();
      }
    }
  };

  TablePartition(TableCore table, int partition) {
    this.table = table;
    this.partition = partition;
    this.changelog = new TopicPartition(table.changelog, partition);
  }

  Role role() {
    return role;
  }

  /** Changes the role; the caller holds {@link #lock} or the partition is not in use. */
  void role(Role r) {
    role = r;
  }

  Store store() {
    return store;
  }

  /**
   * Opens the store if it is not open.
   *
   * @param stores the store registry
   * @param appId the app id
   */
  void open(Stores stores, String appId) {
    if (store == null) {
      store = stores.open(table.storeUrl, new StoreSpec(appId, table.name, partition));
    }
  }

  /** Opens a store for use before the app started. */
  void openDetached(String appId) {
    if (store == null) {
      store = new LocalStore(new StoreSpec(appId, table.name, partition));
      role = Role.DETACHED;
    }
  }

  /** Sets the role to NONE and closes the store (which flushes it). */
  void close() {
    Store s;
    lock.lock();
    try {
      role = Role.NONE;
      windows = null;
      s = store;
      store = null;
    } finally {
      lock.unlock();
    }
    if (s != null) {
      try {
        s.close();
      } catch (RuntimeException e) {
        log.warn("Closing the store of {} failed: {}", describe(), e.toString());
      }
    }
  }

  /** @return the next changelog offset this store lacks */
  long nextOffset() {
    return store.persistedOffset().orElse(-1) + 1;
  }

  /** Applies changelog records read by the restorer or the follower. */
  void apply(List<ChangelogRecord> batch) {
    lock.lock();
    try {
      store.applyChangelog(batch);
      windows = null;
    } finally {
      lock.unlock();
    }
  }

  /** Deletes every entry (the store is ahead of its changelog, which must have been recreated). */
  void wipe() {
    lock.lock();
    try (StoreIterator it = store.all()) {
      List<byte[]> keys = new java.util.ArrayList<>();
      it.forEachRemaining(e -> keys.add(e.key()));
      keys.forEach(store::delete);
      windows = null;
    } finally {
      lock.unlock();
    }
  }

  /** The partition becomes active: its own writes are checkpointed from here. */
  void activated() {
    checkpointed = store.persistedOffset().orElse(-1);
    windows = null;
  }

  /**
   * Remembers in the store the highest changelog offset of its own writes, once all writes so far
   * were acknowledged (the producer was flushed). Runs on the polling thread.
   *
   * @throws dev.mephisto.StoreException if a changelog write failed
   */
  void checkpoint() {
    Throwable failed = sendFailure;
    if (failed != null) {
      throw new dev.mephisto.StoreException("A write to changelog '" + table.changelog
          + "' partition " + partition + " failed: " + failed.getMessage() + "; offsets are not "
          + "committed, so the events are processed again after the restart", failed);
    }
    Store s = store;
    long a = acked.get();
    if (s != null && a > checkpointed) {
      s.checkpoint(a);
      checkpointed = a;
    }
  }

  String describe() {
    return "table '" + table.name + "' partition " + partition;
  }
}
