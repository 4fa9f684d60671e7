package dev.mephisto.store.rocksdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rocksdb.CompressionType;

class RocksDbSettingsTest {
  private static RocksDbSettings parse(String url) {
    return RocksDbSettings.parse(Stores.parse(url));
  }

  @Test
  void appliesDefaultsForAPathWithoutOptions() {
    RocksDbSettings s = parse("rocksdb:///var/lib/mephisto");
    assertEquals(Path.of("/var/lib/mephisto"), s.basePath());
    assertEquals(128, s.blockCacheMb());
    assertEquals(64, s.writeBufferManagerMb());
    assertEquals(16, s.writeBufferSizeMb());
    assertEquals(3, s.maxWriteBufferNumber());
    assertEquals(CompressionType.LZ4_COMPRESSION, s.compression());
    assertFalse(s.wal());
    assertFalse(s.sync());
    assertEquals(Duration.ofSeconds(10), s.lockTimeout());
    assertEquals(Optional.empty(), s.configurer());
  }

  @Test
  void readsEveryOption() {
    RocksDbSettings s = parse("rocksdb:///data?blockCacheMb=512&writeBufferManagerMb=0"
        + "&writeBufferSizeMb=32&maxWriteBufferNumber=4&compression=zstd&sync=true"
        + "&lockTimeout=500ms&configurer=com.example.Tuner&wal=true");
    assertEquals(512, s.blockCacheMb());
    assertEquals(0, s.writeBufferManagerMb());
    assertEquals(32, s.writeBufferSizeMb());
    assertEquals(4, s.maxWriteBufferNumber());
    assertEquals(CompressionType.ZSTD_COMPRESSION, s.compression());
    assertTrue(s.sync());
    assertEquals(Duration.ofMillis(500), s.lockTimeout());
    assertEquals(Optional.of("com.example.Tuner"), s.configurer());
  }

  @ParameterizedTest
  @CsvSource({"none, NO_COMPRESSION", "lz4, LZ4_COMPRESSION", "snappy, SNAPPY_COMPRESSION",
      "zstd, ZSTD_COMPRESSION"})
  void mapsCompressionNames(String name, CompressionType expected) {
    assertEquals(expected, parse("rocksdb:///d?compression=" + name).compression());
  }

  @ParameterizedTest
  @CsvSource({"2m, PT2M", "PT30S, PT30S", "0ms, PT0S", "1h, PT1H", "7s, PT7S"})
  void readsLockTimeoutAsDuration(String text, Duration expected) {
    assertEquals(expected, parse("rocksdb:///d?lockTimeout=" + text).lockTimeout());
  }

  @Test
  void syncTurnsTheWriteAheadLogOn() {
    assertTrue(parse("rocksdb:///d?sync=true").wal());
    assertTrue(parse("rocksdb:///d?wal=true").wal());
    assertFalse(parse("rocksdb:///d?wal=true").sync());
  }

  @Test
  void bareSchemeUsesDefaultDirectoryInWorkingDirectory() {
    assertEquals(Path.of("mephisto-data").toAbsolutePath(), parse("rocksdb://").basePath());
    assertEquals(Path.of("mephisto-data").toAbsolutePath(), parse("rocksdb://?wal=false").basePath());
  }

  @Test
  void readsAuthorityAsRelativePath() {
    assertEquals(Path.of("state", "x").toAbsolutePath(), parse("rocksdb://state/x").basePath());
  }

  @Test
  void decodesPercentEncodedPaths() {
    assertEquals(Path.of("/tmp/my state"), parse("rocksdb:///tmp/my%20state").basePath());
  }

  @Test
  void placesEachPartitionInAppThenTableDirectory() {
    Path dir = parse("rocksdb:///data").directory(new StoreSpec("order-app", "counts", 7));
    assertEquals(Path.of("/data/order-app/counts-7"), dir);
  }

  @Test
  void rejectsNamesThatAreNotDirectoryNames() {
    RocksDbSettings s = parse("rocksdb:///data");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> s.directory(new StoreSpec("app", "../escape", 0)));
    assertTrue(e.getMessage().contains("'../escape'"), e.getMessage());
    assertThrows(ConfigurationException.class, () -> s.directory(new StoreSpec("..", "t", 0)));
  }

  @Test
  void rejectsUnknownOptionListingTheKnownOnes() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> parse("rocksdb:///d?blockCacheSize=10"));
    assertTrue(e.getMessage().contains("'blockCacheSize'"), e.getMessage());
    assertTrue(e.getMessage().contains(RocksDbSettings.OPTIONS.toString()), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "blockCacheMb=0|'blockCacheMb'",
      "writeBufferSizeMb=ten|'ten'",
      "maxWriteBufferNumber=-1|>= 1",
      "writeBufferManagerMb=-1|>= 0",
      "compression=gzip|[lz4, none, snappy, zstd]",
      "sync=yes|'true' or 'false'",
      "wal=0|'true' or 'false'",
      "lockTimeout=soon|'soon'",
      "lockTimeout=-PT1S|duration >= 0",
      "wal=false&sync=true|contradict",
      "blockCacheMb=64&writeBufferManagerMb=65|at most blockCacheMb (64)",
      "blockCacheMb=1&blockCacheMb=2|twice",
      "sync|no value",
      "configurer=|class name"})
  void rejectsInvalidValuesNamingOptionAndValue(String query, String expected) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> parse("rocksdb:///d?" + query));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains("rocksdb:///d?"), e.getMessage());
  }
}
