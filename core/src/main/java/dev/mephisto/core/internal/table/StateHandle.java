package dev.mephisto.core.internal.table;

import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.state.PartitionTask;
import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.store.StoreEntry;
import java.util.function.Consumer;

/**
 * One state table of an operator or join, as bytes (internal API): writes run under the lock of
 * the partition of the record being processed (or of the key's hash outside processing), reads
 * see the same partition.
 */
public final class StateHandle {
  private final TableCore core;

  StateHandle(TableCore core) {
    this.core = core;
  }

  /** @return the table's name */
  public String name() {
    return core.name;
  }

  /** @return its changelog */
  public String changelog() {
    return core.changelog;
  }

  /** @return its partition count */
  public int partitions() {
    return core.partitionCount();
  }

  /** @return a key in the table's key codec */
  public byte[] encodeKey(Object key) {
    return core.encodeKey(key);
  }

  /** @return a value in the table's value codec */
  public byte[] encodeValue(Object value) {
    return core.encodeValue(value);
  }

  /** @return a key decoded with the table's key codec */
  public <T> T decodeKey(byte[] bytes, Class<T> type) {
    return core.decodeKey(bytes, type);
  }

  /** @return a value decoded with the table's value codec */
  public <T> T decodeValue(byte[] bytes, Class<T> type) {
    return core.decodeValue(bytes, type);
  }

  /**
   * Runs a write under the lock of the partition of the record being processed.
   *
   * @param routingKey the key whose hash picks the partition outside processing
   * @param keyText the key, for messages
   * @param task the write
   * @return its result, or null if the record's partition was revoked (its next holder
   *     processes the record again)
   */
  public <R> R write(byte[] routingKey, Object keyText, PartitionTask<R> task) {
    Delivery d = core.current();
    return core.write(core.partitionFor(routingKey, d), d, keyText, task);
  }

  /**
   * @param partition a partition of this table
   * @param task work to run under its lock when it is active here and its lock free
   * @return the task's result, or null if it did not run
   */
  public <R> R tryWriteActive(int partition, PartitionTask<R> task) {
    return core.part(partition).tryWriteActive(task);
  }

  /**
   * @param routingKey the key whose partition is read
   * @param entryKey the entry
   * @return its value, or null
   */
  public byte[] read(byte[] routingKey, byte[] entryKey) {
    return core.get(routingKey, entryKey);
  }

  /**
   * Visits {@code [from, to)} of the partition a key lives in.
   *
   * @param routingKey the key whose partition is read
   * @param from first key
   * @param to end key (exclusive)
   * @param visitor gets each entry
   */
  public void scan(byte[] routingKey, byte[] from, byte[] to, Consumer<StoreEntry> visitor) {
    core.scan(routingKey, from, to, visitor);
  }

  /** @return the record the calling thread processes, or null */
  public Delivery current() {
    return core.current();
  }

  /** @return this worker's partitions of the table */
  public StatePartition[] parts() {
    return core.parts();
  }
}
