package dev.mephisto.store.rocksdb.internal;

import dev.mephisto.store.StoreMemory;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * A partition database's memory, from RocksDB's properties: {@code
 * rocksdb.cur-size-all-mem-tables} and {@code rocksdb.estimate-table-readers-mem} of its column
 * families, and {@code rocksdb.block-cache-usage} and {@code rocksdb.block-cache-pinned-usage} of
 * the block cache it shares with the other stores under its path.
 */
final class RocksDbMemory {
  private RocksDbMemory() {}

  static StoreMemory of(RocksDB db, ColumnFamilyHandle data, ColumnFamilyHandle meta)
      throws RocksDBException {
    long memtables = db.getLongProperty(data, "rocksdb.cur-size-all-mem-tables")
        + db.getLongProperty(meta, "rocksdb.cur-size-all-mem-tables");
    long readers = db.getLongProperty(data, "rocksdb.estimate-table-readers-mem")
        + db.getLongProperty(meta, "rocksdb.estimate-table-readers-mem");
    long cache = db.getLongProperty(data, "rocksdb.block-cache-usage");
    long pinned = db.getLongProperty(data, "rocksdb.block-cache-pinned-usage");
    return new StoreMemory(memtables, readers, cache, pinned, 0);
  }
}
