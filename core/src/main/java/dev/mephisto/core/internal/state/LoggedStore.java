package dev.mephisto.core.internal.state;

import dev.mephisto.RecordMetadata;
import dev.mephisto.StoreException;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreWrite;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The change-logging layer: every write goes to the store, then to the partition's changelog.
 * It owns what the log means for the store: the acknowledgements of its own changelog records
 * and the checkpoint, the changelog offset the store is known to hold.
 *
 * <p>The store is written before the record is sent, so whatever the changelog acknowledged is in
 * the store; {@link #checkpoint()} stores the highest acknowledged offset once every record sent
 * so far was acknowledged (the caller flushed the producer), so a restart restores only the tail
 * after it (the tail re-applies records the store may already hold, which is harmless).
 *
 * <p>Exactly-once (Kafka Streams' way for stores that persist): while the partition is active
 * its persisted offset is {@link #UNCLEAN}, written and flushed before the first write of the
 * partition's turn, and the real offset goes back only when it is released with every write
 * committed ({@link #release}). A store found {@code UNCLEAN} when opened may hold writes of a
 * transaction that never committed (a crash, an abort): it is wiped and restored from the
 * changelog, which holds committed records only ({@code read_committed}).
 */
public final class LoggedStore extends StoreAdapter {
  /** The persisted offset of a store in use under exactly-once: wiped when opened. */
  public static final long UNCLEAN = Long.MAX_VALUE / 2;

  private final ChangelogSink sink;
  private final String topic;
  private final int partition;
  private final AtomicLong acked = new AtomicLong(-1);
  private volatile Throwable sendFailure;
  private long checkpointed = -1;
  private final boolean exactlyOnce;
  private boolean markedUnclean; // under the partition's lock or on the polling thread
  // a write since the last committed transaction (exactly-once): the store is not clean
  private volatile boolean uncommitted;

  /** Called by the producer with each changelog record's outcome; one instance, no allocation. */
  private final BiConsumer<RecordMetadata, Throwable> onAck = (md, e) -> {
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

  /**
   * @param store the plug-in store
   * @param sink where changelog records go
   * @param topic the changelog topic
   * @param partition the changelog partition
   */
  public LoggedStore(Store store, ChangelogSink sink, String topic, int partition) {
    this(store, sink, topic, partition, false);
  }

  /**
   * @param store the plug-in store
   * @param sink where changelog records go
   * @param topic the changelog topic
   * @param partition the changelog partition
   * @param exactlyOnce whether the worker runs exactly-once (see the class comment)
   */
  public LoggedStore(Store store, ChangelogSink sink, String topic, int partition,
      boolean exactlyOnce) {
    super(store);
    this.sink = sink;
    this.topic = topic;
    this.partition = partition;
    this.exactlyOnce = exactlyOnce && store.persistent();
    this.checkpointed = persisted(store);
  }

  /** @return the store's persisted offset, -1 for none or {@link #UNCLEAN} */
  static long persisted(Store store) {
    long p = store.persistedOffset().orElse(-1);
    return p >= UNCLEAN ? -1 : p;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    if (exactlyOnce) {
      uncommitted = true;
    }
    write(key, value);
    sink.send(topic, partition, key, value, onAck);
  }

  @Override
  public void putAll(List<StoreWrite> batch, BitSet local) {
    if (exactlyOnce) {
      uncommitted = true;
    }
    store.putAll(batch);
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (local == null || !local.get(i)) {
        StoreWrite w = batch.get(i);
        sink.send(topic, partition, w.key(), w.value(), onAck);
      }
    }
  }

  /** The partition became active: its own writes are checkpointed from the store's offset on. */
  void activated() {
    checkpointed = Math.max(checkpointed, persisted(store));
    if (exactlyOnce && !markedUnclean) {
      // durable before any write of this turn: a crash from now on finds the store unclean
      store.checkpoint(UNCLEAN);
      store.flush();
      markedUnclean = true;
    }
  }

  /** The worker's transaction committed: every write so far is in the committed changelog. */
  void committed() {
    uncommitted = false;
  }

  /**
   * The partition stops being active here (closed, or a standby copy now). Exactly-once: when
   * every write of its turn was committed, the real offset replaces {@link #UNCLEAN}.
   *
   * @return false if the store may hold uncommitted writes (it must be wiped before it is used)
   */
  boolean release() {
    if (!markedUnclean) {
      return true;
    }
    if (uncommitted) {
      return false;
    }
    long a = Math.max(acked.get(), checkpointed);
    if (a < 0) {
      return true; // nothing logged or restored: UNCLEAN stays, the next open wipes an empty store
    }
    store.checkpoint(a);
    checkpointed = a;
    markedUnclean = false;
    return true;
  }

  /** @return the highest changelog offset the broker acknowledged for this store's writes */
  long acked() {
    return acked.get();
  }

  /**
   * Remembers in the store the highest changelog offset of its own writes; the caller made sure
   * every record sent so far was acknowledged (it flushed the producer).
   *
   * @throws StoreException if a changelog record could not be written: the offsets of the events
   *     that made it must not be committed
   */
  void checkpoint() {
    Throwable failed = sendFailure;
    if (failed != null) {
      throw new StoreException("A write to changelog '" + topic + "' partition " + partition
          + " failed: " + failed.getMessage() + "; offsets are not committed, so the events are "
          + "processed again after the restart", failed);
    }
    if (markedUnclean) {
      return; // exactly-once: the real offset is stored when the partition is released
    }
    long a = acked.get();
    if (a > checkpointed) {
      store.checkpoint(a);
      checkpointed = a;
    }
  }
}
