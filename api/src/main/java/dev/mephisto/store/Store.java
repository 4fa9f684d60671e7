package dev.mephisto.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One table partition: bytes to bytes, ordered by unsigned lexicographic key order, with the
 * offset of the last changelog record it holds.
 *
 * <p>One thread writes (the partition's agent or restorer); any number of threads read (web
 * lookups) concurrently with it.
 *
 * <p>A store may keep the arrays it is given and hand out the arrays it holds, so that the hot
 * path copies nothing: callers do not modify a key or value after passing it in or getting it
 * back.
 */
public interface Store extends AutoCloseable {
  /** @return which table partition this store holds */
  StoreSpec spec();

  /**
   * @param key key bytes
   * @return the value, if any
   */
  Optional<byte[]> get(byte[] key);

  /**
   * @param key key bytes
   * @param value value bytes, not null
   */
  void put(byte[] key, byte[] value);

  /** @param key key bytes to delete; absent keys are ignored */
  void delete(byte[] key);

  /**
   * Applies puts and deletes (null values) in order, as one write where the store can: the write
   * cache of a table flushes each commit's updates with one call, which RocksDB turns into one
   * {@code WriteBatch}. The default applies them one by one.
   *
   * <pre>{@code
   * store.putAll(List.of(StoreWrite.put(key, value), StoreWrite.delete(old)));
   * }</pre>
   *
   * @param batch the writes, in order; a key may appear more than once (the last write wins)
   */
  default void putAll(List<StoreWrite> batch) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      StoreWrite w = batch.get(i);
      if (w.value() == null) {
        delete(w.key());
      } else {
        put(w.key(), w.value());
      }
    }
  }

  /**
   * Entries with {@code from <= key < to}, in key order; empty if {@code from >= to}.
   *
   * @param from first key included
   * @param to first key excluded
   * @return an iterator to close
   */
  StoreIterator range(byte[] from, byte[] to);

  /** @return every entry in key order; an iterator to close */
  StoreIterator all();

  /** @return the number of entries (exact for memory, an estimate where the store says so) */
  long approximateCount();

  /**
   * Applies changelog records in order (null values delete) and remembers the last offset, all
   * at once: after a crash either the whole batch and its offset are there, or neither.
   *
   * @param batch records in changelog order
   */
  void applyChangelog(List<ChangelogRecord> batch);

  /**
   * Remembers that the changelog up to {@code offset} is in this store, for writes made while
   * processing (their changelog offsets are known once the producer acknowledged them).
   *
   * @param offset the highest changelog offset written to this store, {@code >= 0}
   */
  void checkpoint(long offset);

  /**
   * The offset set by the last {@link #applyChangelog} or {@link #checkpoint}. A persistent store
   * keeps it with its data across close and restarts; a store that does not persist (memory)
   * keeps it only while open.
   *
   * @return the offset of the last changelog record this store holds; empty if it has never seen
   *     one (always so right after opening a store that does not persist)
   */
  OptionalLong persistedOffset();

  /**
   * The memory this store uses now, for metrics and benchmarks; cheap enough to call every few
   * seconds. The default reports {@link StoreMemory#UNKNOWN}.
   *
   * @return memtable, table reader, block cache and heap bytes
   */
  default StoreMemory memoryUsage() {
    return StoreMemory.UNKNOWN;
  }

  /** @return true if the data survives a restart of the process */
  boolean persistent();

  /** Makes everything written so far durable (no-op for memory). */
  void flush();

  /**
   * Flushes and releases the store; it may be opened again (a store that does not persist then
   * starts empty). Closing twice does nothing; every other data operation on a closed store throws
   * {@link dev.mephisto.StoreException}.
   */
  @Override
  void close();
}
