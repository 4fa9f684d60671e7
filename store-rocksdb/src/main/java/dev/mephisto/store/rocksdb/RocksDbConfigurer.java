package dev.mephisto.store.rocksdb;

import dev.mephisto.store.StoreSpec;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * Tunes the RocksDB options of each table partition before its database opens, as Kafka Streams'
 * {@code RocksDBConfigSetter} does.
 *
 * <p>Mephisto's settings are applied first (write buffers, compression, the worker's shared block
 * cache and write buffer manager), then configurers registered in code with {@link
 * RocksDbStoreProvider#RocksDbStoreProvider(RocksDbConfigurer)}, then the one named in the URL
 * with {@code ?configurer=com.example.MyConfigurer} (a public class with a public no-arg
 * constructor, created once per store). A configurer that replaces the table format config should
 * keep the block cache of {@code columnFamilyOptions.tableFormatConfig()}, or memory is no longer
 * bounded by {@code blockCacheMb}.
 *
 * <pre>{@code
 * public final class BigBlocks implements RocksDbConfigurer {
 *   public void configure(StoreSpec spec, DBOptions db, ColumnFamilyOptions cf) {
 *     cf.setTargetFileSizeBase(256L << 20);
 *     db.setMaxBackgroundJobs(4);
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RocksDbConfigurer {
  /**
   * Changes the options of one store's database; called on the thread opening the store.
   *
   * @param spec the table partition being opened
   * @param dbOptions the database options
   * @param columnFamilyOptions the options of the column family that holds the table's entries
   */
  void configure(StoreSpec spec, DBOptions dbOptions, ColumnFamilyOptions columnFamilyOptions);

  /**
   * Releases what {@link #configure} created for this store (filters, caches, ...); called after
   * its database closed, before its options are closed. Does nothing by default.
   *
   * @param spec the table partition that closed
   */
  default void close(StoreSpec spec) {}
}
