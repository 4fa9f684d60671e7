package dev.mephisto.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

class RocksDbConfigurerTest {
  /** What configurers saw, in order; static because the URL names a class, not an instance. */
  static final Queue<String> CALLS = new ConcurrentLinkedQueue<>();

  /** Named in URLs by class name. */
  public static final class SevenMegabyteBuffers implements RocksDbConfigurer {
    /** Needs a public no-arg constructor. */
    public SevenMegabyteBuffers() {}

    @Override
    public void configure(StoreSpec spec, DBOptions db, ColumnFamilyOptions cf) {
      CALLS.add("url:" + spec.table() + "-" + spec.partition());
      cf.setWriteBufferSize(7L << 20);
    }

    @Override
    public void close(StoreSpec spec) {
      CALLS.add("url-close:" + spec.table() + "-" + spec.partition());
    }
  }

  /** Not a configurer, for the error. */
  public static final class NotAConfigurer {}

  /** Throws, for the error. */
  public static final class Failing implements RocksDbConfigurer {
    @Override
    public void configure(StoreSpec spec, DBOptions db, ColumnFamilyOptions cf) {
      throw new IllegalStateException("no tuning today");
    }
  }

  @TempDir Path dir;
  private final StoreSpec spec = new StoreSpec("app", "counts", 2);

  @BeforeEach
  void forget() {
    CALLS.clear();
  }

  private String url(String query) {
    return "rocksdb://" + dir.toUri().getPath() + "?" + query;
  }

  private String optionsFileOf(StoreSpec s) throws IOException {
    Path db = dir.resolve(s.appId()).resolve(s.table() + "-" + s.partition());
    try (Stream<Path> files = Files.list(db)) {
      Path latest = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
          .max(Path::compareTo).orElseThrow();
      return Files.readString(latest, StandardCharsets.UTF_8);
    }
  }

  @Test
  void configurerNamedInUrlTunesTheDatabaseAndIsClosedAfterIt() throws IOException {
    Stores stores = Stores.create(List.of());
    try (Store store = stores.open(url("configurer=" + SevenMegabyteBuffers.class.getName()), spec)) {
      store.put(new byte[] {1}, new byte[] {2});
      assertEquals(List.of("url:counts-2"), List.copyOf(CALLS));
    }
    assertEquals(List.of("url:counts-2", "url-close:counts-2"), List.copyOf(CALLS));
    assertTrue(optionsFileOf(spec).contains("write_buffer_size=7340032"),
        "RocksDB's OPTIONS file should show the configured write buffer");
  }

  @Test
  void configurerRegisteredInCodeRunsBeforeTheOneInTheUrl() {
    RocksDbStoreProvider provider = new RocksDbStoreProvider((s, db, cf) -> {
      CALLS.add("code:" + s.table() + "-" + s.partition());
      cf.setWriteBufferSize(3L << 20);
    });
    Stores stores = Stores.create(List.of(provider));
    assertEquals(provider, stores.provider("rocksdb://"));
    try (Store store = stores.open(url("configurer=" + SevenMegabyteBuffers.class.getName()), spec)) {
      assertEquals(List.of("code:counts-2", "url:counts-2"), List.copyOf(CALLS));
      assertEquals(spec, store.spec());
    }
  }

  @Test
  void configurerRegisteredInCodeAloneApplies() throws IOException {
    Stores stores = Stores.create(List.of(
        new RocksDbStoreProvider((s, db, cf) -> cf.setWriteBufferSize(3L << 20))));
    stores.open(url("wal=true"), spec).close();
    assertTrue(optionsFileOf(spec).contains("write_buffer_size=3145728"));
  }

  @Test
  void failsClearlyForConfigurersThatCannotBeUsed() {
    Stores stores = Stores.create(List.of());
    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> stores.open(url("configurer=com.example.Missing"), spec));
    assertTrue(missing.getMessage().contains("'com.example.Missing'")
        && missing.getMessage().contains("no such class"), missing.getMessage());
    ConfigurationException wrongType = assertThrows(ConfigurationException.class,
        () -> stores.open(url("configurer=" + NotAConfigurer.class.getName()), spec));
    assertTrue(wrongType.getMessage().contains("should implement"), wrongType.getMessage());
    ConfigurationException failing = assertThrows(ConfigurationException.class,
        () -> stores.open(url("configurer=" + Failing.class.getName()), spec));
    assertTrue(failing.getMessage().contains("no tuning today")
        && failing.getMessage().contains(spec.describe()), failing.getMessage());
    // a failed open must not leave the partition locked or reserved
    try (Store store = stores.open(url("lockTimeout=0ms"), spec)) {
      store.put(new byte[] {1}, new byte[] {1});
    }
  }
}
