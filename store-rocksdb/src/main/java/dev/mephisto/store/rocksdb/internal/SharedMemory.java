package dev.mephisto.store.rocksdb.internal;

import java.nio.file.Path;
import java.util.Optional;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The block cache and write buffer manager shared by all partition databases of one provider
 * under one base path; the memtables are charged to the cache, so together they stay within it.
 * Reference-counted by {@link RocksDbEnvironment}, which holds its lock while touching it.
 */
final class SharedMemory {
  private final Path basePath;
  private final int blockCacheMb;
  private final int writeBufferManagerMb;
  private final LRUCache cache;
  private final WriteBufferManager writeBufferManager;
  private int users;

  SharedMemory(Path basePath, int blockCacheMb, int writeBufferManagerMb) {
    this.basePath = basePath;
    this.blockCacheMb = blockCacheMb;
    this.writeBufferManagerMb = writeBufferManagerMb;
    this.cache = new LRUCache(mb(blockCacheMb));
    this.writeBufferManager =
        writeBufferManagerMb == 0 ? null : new WriteBufferManager(mb(writeBufferManagerMb), cache);
  }

  private static long mb(int n) {
    return (long) n << 20;
  }

  boolean matches(RocksDbSettings settings) {
    return settings.blockCacheMb() == blockCacheMb
        && settings.writeBufferManagerMb() == writeBufferManagerMb;
  }

  String describe() {
    return "blockCacheMb=" + blockCacheMb + ", writeBufferManagerMb=" + writeBufferManagerMb;
  }

  Path basePath() {
    return basePath;
  }

  Cache cache() {
    return cache;
  }

  Optional<WriteBufferManager> writeBufferManager() {
    return Optional.ofNullable(writeBufferManager);
  }

  void retain() {
    users++;
  }

  /** @return true if that was the last user and the native objects are closed */
  boolean release() {
    if (--users > 0) {
      return false;
    }
    // Databases hold their own references to these native objects; closing ours is safe.
    if (writeBufferManager != null) {
      writeBufferManager.close();
    }
    cache.close();
    return true;
  }

  int users() {
    return users;
  }
}
