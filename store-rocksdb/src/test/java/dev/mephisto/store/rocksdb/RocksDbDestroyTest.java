package dev.mephisto.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.store.Store;
import dev.mephisto.store.StoreSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reset} deletes a partition's local state: data and persisted offset. */
class RocksDbDestroyTest {
  @TempDir Path dir;

  @Test
  void destroyDeletesDataAndOffsetOfOnePartitionOnly() {
    RocksDbStoreProvider provider = new RocksDbStoreProvider();
    URI uri = URI.create("rocksdb://" + dir.toAbsolutePath());
    StoreSpec p0 = new StoreSpec("app", "counts", 0);
    StoreSpec p1 = new StoreSpec("app", "counts", 1);
    byte[] k = "k".getBytes(StandardCharsets.UTF_8);
    for (StoreSpec spec : new StoreSpec[] {p0, p1}) {
      try (Store s = provider.open(uri, spec)) {
        s.put(k, k);
        s.checkpoint(41);
      }
    }
    assertTrue(provider.destroy(uri, p0));
    assertFalse(Files.exists(dir.resolve("app").resolve("counts-0")));
    assertFalse(provider.destroy(uri, p0), "nothing left to delete");
    try (Store s = provider.open(uri, p0)) {
      assertTrue(s.get(k).isEmpty());
      assertEquals(OptionalLong.empty(), s.persistedOffset(), "the next start restores it all");
    }
    try (Store s = provider.open(uri, p1)) {
      assertArrayEquals(k, s.get(k).orElseThrow(), "other partitions keep their data");
      assertEquals(OptionalLong.of(41), s.persistedOffset());
    }
  }
}
