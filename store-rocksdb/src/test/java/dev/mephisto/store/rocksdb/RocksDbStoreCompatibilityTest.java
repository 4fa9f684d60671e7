package dev.mephisto.store.rocksdb;

import dev.mephisto.testkit.store.StoreCompatibilityKit;
import java.nio.file.Path;

class RocksDbStoreCompatibilityTest extends StoreCompatibilityKit {
  @Override
  protected String storeUrl(Path directory) {
    return "rocksdb://" + directory.toUri().getPath();
  }
}
