package dev.mephisto.core.internal.state;

import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreWrite;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outermost layer: counts what the tables ask of a partition's store (Kafka Streams' {@code
 * MeteredKeyValueStore}), for metrics. Counting costs one uncontended add per call; writes are
 * counted under the partition's lock, reads from any thread.
 */
public final class MeteredStore implements StateStore {
  private final StateStore inner;
  private final LongAdder gets = new LongAdder();
  private final LongAdder scans = new LongAdder();
  private volatile long puts;
  private volatile long deletes;
  private volatile long flushes;
  private volatile long flushNanos;

  /** @param inner the layer below */
  public MeteredStore(StateStore inner) {
    this.inner = inner;
  }

  /** @return the layer below */
  StateStore inner() {
    return inner;
  }

  @Override
  public byte[] get(byte[] key) {
    gets.increment();
    return inner.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    count(value);
    inner.put(key, value);
  }

  @Override
  public void putLocal(byte[] key, byte[] value) {
    inner.putLocal(key, value);
  }

  @Override
  public void putAll(List<StoreWrite> batch, BitSet local) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (local == null || !local.get(i)) {
        count(batch.get(i).value());
      }
    }
    inner.putAll(batch, local);
  }

  private void count(byte[] value) {
    if (value == null) {
      deletes++;
    } else {
      puts++;
    }
  }

  @Override
  public StoreIterator range(byte[] from, byte[] to) {
    scans.increment();
    return inner.range(from, to);
  }

  @Override
  public StoreIterator all() {
    scans.increment();
    return inner.all();
  }

  @Override
  public void flush() {
    long t0 = System.nanoTime();
    inner.flush();
    flushes++;
    flushNanos += System.nanoTime() - t0;
  }

  /**
   * What the tables asked of one partition's store.
   *
   * @param gets point reads
   * @param scans range and full scans
   * @param puts entries written
   * @param deletes entries deleted
   * @param flushes commit-time flushes
   * @param flushNanos time spent in them
   */
  record Counts(long gets, long scans, long puts, long deletes, long flushes, long flushNanos) {}

  Counts counts() {
    return new Counts(gets.sum(), scans.sum(), puts, deletes, flushes, flushNanos);
  }
}
