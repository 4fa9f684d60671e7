package dev.mephisto.core.internal.state;

import dev.mephisto.store.StoreIterator;

/**
 * A partition as a {@link PartitionTask} sees it: only while the task runs under the
 * partition's lock. One instance per partition.
 */
public final class PartitionWriter {
  private final StatePartition partition;
  /** What the table keeps about the partition's data; dropped when the data changes under it. */
  private Object attachment;

  PartitionWriter(StatePartition partition) {
    this.partition = partition;
  }

  /** @return the partition */
  public StatePartition partition() {
    return partition;
  }

  /** @return see {@link StateStore#get} */
  public byte[] get(byte[] key) {
    return partition.top().get(key);
  }

  /** Writes (null value: deletes) a logged entry; see {@link StateStore#put}. */
  public void put(byte[] key, byte[] value) {
    partition.top().put(key, value);
  }

  /** Writes (null value: deletes) a local entry; see {@link StateStore#putLocal}. */
  public void putLocal(byte[] key, byte[] value) {
    partition.top().putLocal(key, value);
  }

  /** @return see {@link StateStore#range} */
  public StoreIterator range(byte[] from, byte[] to) {
    return partition.top().range(from, to);
  }

  /** @return see {@link StateStore#all} */
  public StoreIterator all() {
    return partition.top().all();
  }

  /** @return what the table attached, or null (after activation or a restore) */
  public Object attachment() {
    return attachment;
  }

  /** @param a what the table keeps about this partition's data until it changes under it */
  public void attach(Object a) {
    attachment = a;
  }

  /** @param t an event time written now; the stream time only moves forward */
  public void advanceStreamTime(long t) {
    partition.advanceStreamTime(t);
  }
}
