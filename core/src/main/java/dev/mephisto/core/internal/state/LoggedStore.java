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
 */
public final class LoggedStore extends StoreAdapter {
  private final ChangelogSink sink;
  private final String topic;
  private final int partition;
  private final AtomicLong acked = new AtomicLong(-1);
  private volatile Throwable sendFailure;
  private long checkpointed = -1;

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
    super(store);
    this.sink = sink;
    this.topic = topic;
    this.partition = partition;
    this.checkpointed = store.persistedOffset().orElse(-1);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    write(key, value);
    sink.send(topic, partition, key, value, onAck);
  }

  @Override
  public void putAll(List<StoreWrite> batch, BitSet local) {
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
    checkpointed = Math.max(checkpointed, store.persistedOffset().orElse(-1));
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
    long a = acked.get();
    if (a > checkpointed) {
      store.checkpoint(a);
      checkpointed = a;
    }
  }
}
