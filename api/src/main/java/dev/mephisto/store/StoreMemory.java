package dev.mephisto.store;

/**
 * The native and heap memory a store uses now, as {@link Store#memoryUsage()} reports it.
 *
 * <p>Memtables and table readers belong to one store and add up across stores. The block cache
 * is usually shared by every store of a provider (RocksDB: by all stores under one path), so each
 * of them reports the same shared figure: count it once per cache, not once per store. With
 * RocksDB's write buffer manager the memtables are charged to the block cache as well.
 *
 * <pre>{@code
 * StoreMemory m = store.memoryUsage();
 * log.info("memtables {} B, index and filters {} B", m.memtableBytes(), m.tableReaderBytes());
 * }</pre>
 *
 * @param memtableBytes bytes of the store's write buffers (RocksDB {@code
 *     rocksdb.cur-size-all-mem-tables})
 * @param tableReaderBytes bytes of index and filter blocks held outside the block cache (RocksDB
 *     {@code rocksdb.estimate-table-readers-mem})
 * @param blockCacheBytes bytes in use in the block cache the store reads through (shared)
 * @param blockCachePinnedBytes bytes of that cache pinned by open iterators and readers (shared)
 * @param heapBytes bytes of keys and values the store keeps on the Java heap (memory stores)
 */
public record StoreMemory(long memtableBytes, long tableReaderBytes, long blockCacheBytes,
    long blockCachePinnedBytes, long heapBytes) {
  /** What a store that does not tell reports: all zero. */
  public static final StoreMemory UNKNOWN = new StoreMemory(0, 0, 0, 0, 0);

  /** Checks that no figure is negative. */
  public StoreMemory {
    if (memtableBytes < 0 || tableReaderBytes < 0 || blockCacheBytes < 0
        || blockCachePinnedBytes < 0 || heapBytes < 0) {
      throw new IllegalArgumentException("Store memory figures should be >= 0 but were "
          + memtableBytes + ", " + tableReaderBytes + ", " + blockCacheBytes + ", "
          + blockCachePinnedBytes + ", " + heapBytes);
    }
  }

  /**
   * @return the bytes this store alone accounts for: memtables, table readers and heap (the
   *     shared block cache left out)
   */
  public long ownBytes() {
    return memtableBytes + tableReaderBytes + heapBytes;
  }
}
