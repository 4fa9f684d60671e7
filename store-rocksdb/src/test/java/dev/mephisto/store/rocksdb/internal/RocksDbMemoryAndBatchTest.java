package dev.mephisto.store.rocksdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.StoreException;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.StoreWrite;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What RocksDB adds to the store contract: one WriteBatch per putAll, its memory figures. */
class RocksDbMemoryAndBatchTest {
  @TempDir Path dir;
  private final RocksDbEnvironment env = new RocksDbEnvironment(List.of());

  private Store open(String query, int partition) {
    return env.open(URI.create("rocksdb://" + dir.toUri().getPath() + "?" + query),
        new StoreSpec("app", "counts", partition));
  }

  private static byte[] key(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  @Test
  void reportsMemtablesBlockCacheAndTableReadersOfARealDatabase() {
    // no write buffer manager: the block cache then holds only what reads bring in
    try (Store store = open("writeBufferManagerMb=0&blockCacheMb=16", 0)) {
      StoreMemory empty = store.memoryUsage();
      List<StoreWrite> batch = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        batch.add(StoreWrite.put(key(i), new byte[200]));
      }
      store.putAll(batch);
      StoreMemory written = store.memoryUsage();
      assertTrue(written.memtableBytes() > 20_000L * 200 / 2,
          () -> "20 000 x 200 B in the memtable: " + written);
      assertTrue(written.memtableBytes() < 64L << 20, () -> "sane: " + written);
      store.flush(); // to an SST file
      for (int i = 0; i < 20_000; i += 3) {
        assertTrue(store.get(key(i)).isPresent());
      }
      StoreMemory read = store.memoryUsage();
      assertTrue(read.memtableBytes() < written.memtableBytes(), () -> "flushed: " + read);
      assertTrue(read.blockCacheBytes() > 0, () -> "reads filled the block cache: " + read);
      assertTrue(read.blockCacheBytes() <= 16L << 20, () -> "within its capacity: " + read);
      assertTrue(read.tableReaderBytes() > 0, () -> "one SST file open: " + read);
      assertTrue(read.tableReaderBytes() < 1L << 20, () -> "sane: " + read);
      assertTrue(read.blockCacheBytes() > empty.blockCacheBytes(), () -> "was " + empty);
      assertEquals(0, read.heapBytes(), "nothing on the Java heap");
    }
  }

  @Test
  void aBatchIsOneAtomicWriteAndAClosedStoreRefusesIt() {
    Store store = open("wal=true", 1);
    store.put(key(1), new byte[] {1});
    store.putAll(List.of(StoreWrite.delete(key(1)), StoreWrite.put(key(2), new byte[] {2})));
    assertTrue(store.get(key(1)).isEmpty());
    assertEquals(2, store.get(key(2)).orElseThrow()[0]);
    store.close();
    StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
        () -> store.putAll(List.of(StoreWrite.put(key(3), new byte[] {3}))));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
