package dev.mephisto.store.rocksdb;

import dev.mephisto.store.Store;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.rocksdb.internal.RocksDbEnvironment;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Opens {@code rocksdb://} stores: one RocksDB database per table partition at {@code
 * <path>/<appId>/<table>-<partition>}, with the changelog offset written in the same atomic batch
 * as the data.
 *
 * <p>URL: {@code rocksdb:///absolute/path?option=value&...}, {@code rocksdb://relative/path}, or
 * {@code rocksdb://} for {@code ./mephisto-data}. Options (unknown names fail):
 *
 * <ul>
 *   <li>{@code blockCacheMb} (128): the LRU block cache shared by all partitions of this provider
 *       under one path;
 *   <li>{@code writeBufferManagerMb} (64): the memtable budget of all those partitions, charged to
 *       the block cache so that both together stay within {@code blockCacheMb}; 0 turns it off;
 *   <li>{@code writeBufferSizeMb} (16) and {@code maxWriteBufferNumber} (3): memtables per
 *       partition;
 *   <li>{@code compression} ({@code lz4}): {@code none}, {@code lz4}, {@code zstd} or {@code
 *       snappy};
 *   <li>{@code wal} ({@code false}): write-ahead log. Off, as in Kafka Streams, writes are about
 *       twice as fast and a killed process loses the writes since the last memtable flush, entries
 *       and offset together (flushes are atomic), so the restore replays a longer tail of the
 *       changelog; a clean close loses nothing. On, a killed process loses nothing;
 *   <li>{@code sync} ({@code false}): fsync the write-ahead log on every write (implies {@code
 *       wal=true}), for writes that must survive a power loss;
 *   <li>{@code lockTimeout} ({@code 10s}): how long opening waits for a partition that is still
 *       open (e.g. a revoke racing an assignment), e.g. {@code 500ms}, {@code 30s}, {@code PT1M};
 *   <li>{@code configurer}: the class name of a {@link RocksDbConfigurer}.
 * </ul>
 *
 * <p>The block cache and write buffer manager belong to this provider instance and are released
 * when its last store under that path closes.
 *
 * <pre>{@code
 * App app = App.builder("order-app")
 *     .store("rocksdb:///var/lib/mephisto?blockCacheMb=512&compression=zstd")
 *     .storeProvider(new RocksDbStoreProvider((spec, db, cf) -> db.setMaxBackgroundJobs(4)))
 *     .build();
 * }</pre>
 */
public final class RocksDbStoreProvider implements StoreProvider {
  /** The URL scheme, {@code rocksdb}. */
  public static final String SCHEME = "rocksdb";

  private final RocksDbEnvironment environment;

  /** Creates the provider ServiceLoader finds; no I/O happens until a store opens. */
  public RocksDbStoreProvider() {
    this.environment = new RocksDbEnvironment(List.of());
  }

  /**
   * Creates a provider that applies {@code configurer} to every store it opens, before any
   * configurer named in the URL. Register it with {@code App.builder(...).storeProvider(...)}.
   *
   * @param configurer tunes each store's RocksDB options
   */
  public RocksDbStoreProvider(RocksDbConfigurer configurer) {
    this.environment = new RocksDbEnvironment(List.of(Objects.requireNonNull(configurer, "configurer")));
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  /**
   * Opens the database of one table partition, creating it if needed; waits up to {@code
   * lockTimeout} if the partition is still open.
   *
   * @param uri the store URL
   * @param spec the table partition
   * @return the open store
   * @throws dev.mephisto.ConfigurationException for an invalid URL or option
   * @throws dev.mephisto.StoreException if the database cannot be opened
   */
  @Override
  public Store open(URI uri, StoreSpec spec) {
    return environment.open(Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(spec, "spec"));
  }

  /**
   * Checks the URL's scheme and options, and that a {@code configurer} it names is a class on
   * the class path implementing {@link RocksDbConfigurer}; opens nothing.
   *
   * @param uri the store URL
   * @throws dev.mephisto.ConfigurationException for an invalid URL or option
   */
  @Override
  public void validate(URI uri) {
    environment.validate(Objects.requireNonNull(uri, "uri"));
  }

  /**
   * Deletes the database directory of one table partition, after making sure no process holds
   * it open (RocksDB's {@code LOCK} file).
   *
   * @param uri the store URL
   * @param spec the table partition
   * @return true if the directory existed
   */
  @Override
  public boolean destroy(URI uri, StoreSpec spec) {
    Objects.requireNonNull(spec, "spec");
    java.nio.file.Path dir = dev.mephisto.store.rocksdb.internal.RocksDbSettings
        .parse(Objects.requireNonNull(uri, "uri")).directory(spec);
    return dev.mephisto.store.rocksdb.internal.RocksDbDestroyer.destroy(dir, spec);
  }

  @Override
  public String toString() {
    return "RocksDbStoreProvider[rocksdb://]";
  }
}
