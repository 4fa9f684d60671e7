package dev.mephisto.store.rocksdb;

import dev.mephisto.testkit.store.StoreCompatibilityKit;
import java.nio.file.Path;

/** The kit again with the write-ahead log on, where flush syncs the log instead of memtables. */
class RocksDbWithWalCompatibilityTest extends StoreCompatibilityKit {
  @Override
  protected String storeUrl(Path directory) {
    return "rocksdb://" + directory.toUri().getPath() + "?wal=true&compression=zstd";
  }
}
