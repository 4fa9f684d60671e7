package dev.mephisto.store.rocksdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreSpec;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Cache;

class RocksDbSharedMemoryTest {
  @TempDir Path dir;
  private final RocksDbEnvironment env = new RocksDbEnvironment(List.of());

  private URI url(Path base, String query) {
    return URI.create("rocksdb://" + base.toUri().getPath() + "?" + query);
  }

  private static byte[] key(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  private static void fill(Store store, int n, int valueBytes) {
    byte[] value = new byte[valueBytes];
    for (int i = 0; i < n; i++) {
      store.put(key(i), value);
    }
  }

  @Test
  void partitionsUnderOnePathShareOneBlockCacheUntilTheLastCloses() {
    // no write buffer manager here: cache usage then comes from table blocks only
    URI uri = url(dir, "wal=false&writeBufferManagerMb=0&blockCacheMb=32");
    List<Store> stores = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      Store store = env.open(uri, new StoreSpec("app", "counts", p));
      fill(store, 2_000, 100);
      store.flush(); // memtable to SST, so reads go through the block cache
      stores.add(store);
    }
    Map.Entry<Cache, Integer> shared = env.sharedCache(dir).orElseThrow();
    assertEquals(3, shared.getValue());
    Cache cache = shared.getKey();
    long before = cache.getUsage();
    long previous = before;
    for (Store store : stores) {
      for (int i = 0; i < 2_000; i += 7) {
        assertTrue(store.get(key(i)).isPresent());
      }
      long now = cache.getUsage();
      assertTrue(now > previous, "reading another partition should load its blocks into the "
          + "shared cache: usage " + previous + " -> " + now);
      previous = now;
    }
    stores.remove(0).close();
    assertEquals(2, env.sharedCache(dir).orElseThrow().getValue());
    stores.forEach(Store::close);
    assertEquals(Optional.empty(), env.sharedCache(dir));
  }

  @Test
  void writeBufferManagerChargesMemtablesToTheSharedCache() {
    URI uri = url(dir, "writeBufferManagerMb=16&blockCacheMb=32");
    try (Store a = env.open(uri, new StoreSpec("app", "counts", 0));
        Store b = env.open(uri, new StoreSpec("app", "counts", 1))) {
      Cache cache = env.sharedCache(dir).orElseThrow().getKey();
      long before = cache.getUsage();
      fill(a, 2_000, 1_000); // about 2 MiB of memtable, never read
      fill(b, 2_000, 1_000);
      long after = cache.getUsage();
      assertTrue(after - before >= 3L << 20,
          "memtables should be charged to the block cache: usage " + before + " -> " + after);
    }
  }

  @Test
  void differentBasePathsGetTheirOwnCache() {
    Path other = dir.resolve("other");
    try (Store a = env.open(url(dir, "blockCacheMb=8&writeBufferManagerMb=4"), new StoreSpec("app", "t", 0));
        Store b = env.open(url(other, "blockCacheMb=16&writeBufferManagerMb=4"), new StoreSpec("app", "t", 0))) {
      a.put(key(1), key(1));
      b.put(key(1), key(2));
      assertNotSame(env.sharedCache(dir).orElseThrow().getKey(),
          env.sharedCache(other).orElseThrow().getKey());
      assertSame(env.sharedCache(dir).orElseThrow().getKey(), env.sharedCache(dir).orElseThrow().getKey());
    }
  }

  @Test
  void rejectsDifferentMemoryOptionsUnderOnePath() {
    try (Store a = env.open(url(dir, "blockCacheMb=8&writeBufferManagerMb=4"), new StoreSpec("app", "t", 0))) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> env.open(url(dir, "blockCacheMb=16&writeBufferManagerMb=4"), new StoreSpec("app", "t", 1)));
      assertTrue(e.getMessage().contains("blockCacheMb=8, writeBufferManagerMb=4"), e.getMessage());
      a.put(key(1), key(1));
      // the failed open released its reservation: the partition opens with matching options
      try (Store b = env.open(url(dir, "blockCacheMb=8&writeBufferManagerMb=4&lockTimeout=0ms"),
          new StoreSpec("app", "t", 1))) {
        b.put(key(1), key(2));
        assertEquals(2, env.sharedCache(dir).orElseThrow().getValue());
      }
    }
  }
}
