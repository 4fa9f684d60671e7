package dev.mephisto.core.internal.state;

import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreWrite;
import java.util.BitSet;
import java.util.List;

/**
 * One layer of a state partition's store stack, bytes to bytes in unsigned key order. The
 * layers wrap each other as Kafka Streams' do: {@link MeteredStore} → {@link CachingStore} →
 * {@link LoggedStore} → the plug-in {@link dev.mephisto.store.Store} (through {@link
 * StoreAdapter}); each can be read, tested and left out on its own.
 *
 * <p>Writes happen under the partition's lock (see {@link StatePartition}); reads may come from
 * any thread at any time.
 */
public interface StateStore {
  /**
   * @param key key bytes
   * @return the value, or null if absent
   */
  byte[] get(byte[] key);

  /**
   * Writes an entry, which the change-logging layer logs.
   *
   * @param key key bytes (not modified afterwards by the caller)
   * @param value value bytes, or null to delete
   */
  void put(byte[] key, byte[] value);

  /**
   * Writes an entry of this store alone, never logged: indexes and bookkeeping derived from
   * logged entries, which a restore derives again (see {@link PartitionLayout}).
   *
   * @param key key bytes
   * @param value value bytes, or null to delete
   */
  void putLocal(byte[] key, byte[] value);

  /**
   * Writes a batch at once.
   *
   * @param batch puts and deletes, in order
   * @param local which of them are local ({@link #putLocal}); null if none
   */
  void putAll(List<StoreWrite> batch, BitSet local);

  /**
   * @param from first key included
   * @param to first key excluded
   * @return the entries in between, in key order; an iterator to close
   */
  StoreIterator range(byte[] from, byte[] to);

  /** @return every entry in key order; an iterator to close */
  StoreIterator all();

  /** Writes what this layer buffers to the layers below it (the cache: its dirty entries). */
  void flush();
}
