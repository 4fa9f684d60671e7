package dev.mephisto.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table state is private to the worker's user; wrong store options fail before any open. */
class RocksDbPermissionsTest {
  @TempDir Path dir;

  private Map<String, String> permissions(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        m.put(root.relativize(p) + (Files.isDirectory(p) ? "/" : ""),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
      }
    }
    return m;
  }

  private static void write(Store store, int n) {
    List<ChangelogRecord> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(new ChangelogRecord(("k" + i).getBytes(StandardCharsets.UTF_8),
          ("v" + i).getBytes(StandardCharsets.UTF_8), i));
    }
    store.applyChangelog(batch);
    store.flush();
  }

  @Test
  void directoriesAre0700AndFiles0600() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX only");
    Path base = dir.resolve("state");
    RocksDbStoreProvider provider = new RocksDbStoreProvider();
    try (Store store = provider.open(URI.create("rocksdb://" + base), new StoreSpec("app", "counts", 0))) {
      write(store, 1000);
    }
    Map<String, String> found = permissions(base.resolve("app"));
    assertTrue(found.size() > 4, () -> "RocksDB files expected: " + found);
    found.forEach((path, perms) -> assertEquals(path.endsWith("/") ? "rwx------" : "rw-------",
        perms, () -> path + " in " + found));
  }

  @Test
  void stateMadeWorldReadableBeforeIsMadePrivateWhenOpened() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX only");
    Path base = dir.resolve("state");
    RocksDbStoreProvider provider = new RocksDbStoreProvider();
    StoreSpec spec = new StoreSpec("app", "counts", 0);
    URI uri = URI.create("rocksdb://" + base);
    try (Store store = provider.open(uri, spec)) {
      write(store, 10);
    }
    try (Stream<Path> s = Files.walk(base.resolve("app"))) {
      for (Path p : s.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    try (Store store = provider.open(uri, spec)) {
      assertFalse(permissions(base.resolve("app")).containsValue("rw-r--r--"), "files tightened at open");
      assertFalse(permissions(base.resolve("app")).containsValue("rwxr-xr-x"), "directories tightened");
      write(store, 10);
    }
  }

  @Test
  void validateChecksOptionsAndTheConfigurerWithoutOpening() {
    RocksDbStoreProvider provider = new RocksDbStoreProvider();
    provider.validate(URI.create("rocksdb://" + dir + "?blockCacheMb=64&compression=zstd"));
    assertTrue(assertThrows(ConfigurationException.class, () -> provider.validate(
        URI.create("rocksdb://" + dir + "?compression=gzip"))).getMessage()
        .contains("Option 'compression' in store URL"));
    assertTrue(assertThrows(ConfigurationException.class, () -> provider.validate(
        URI.create("rocksdb://" + dir + "?configurer=no.such.Configurer"))).getMessage()
        .contains("no such class is on the class path"));
    assertTrue(assertThrows(ConfigurationException.class, () -> provider.validate(
        URI.create("memory://x"))).getMessage().contains("its scheme should be 'rocksdb'"));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count(), "nothing was created");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
