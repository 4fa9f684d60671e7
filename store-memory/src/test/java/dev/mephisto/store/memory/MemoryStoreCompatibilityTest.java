package dev.mephisto.store.memory;

import dev.mephisto.testkit.store.StoreCompatibilityKit;
import java.nio.file.Path;

class MemoryStoreCompatibilityTest extends StoreCompatibilityKit {
  @Override
  protected String storeUrl(Path directory) {
    return "memory://";
  }
}
