package dev.mephisto.store.rocksdb;

import dev.mephisto.testkit.store.StoreCompatibilityKit;
import java.nio.file.Path;

/** The kit again with the write-ahead log off, where flush and close must flush memtables. */
class RocksDbWithoutWalCompatibilityTest extends StoreCompatibilityKit {
  @Override
  protected String storeUrl(Path directory) {
    return "rocksdb://" + directory.toUri().getPath() + "?wal=false&compression=none";
  }
}
