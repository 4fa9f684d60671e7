/**
 * The {@code rocksdb://} table store: one RocksDB database per table partition, holding the
 * changelog offset with the data so that a restart restores only the changelog's tail.
 *
 * <p>Options go in the URL, e.g. {@code rocksdb:///var/lib/mephisto?blockCacheMb=256&compression=zstd};
 * see {@link dev.mephisto.store.rocksdb.RocksDbStoreProvider}. Anything else RocksDB offers is
 * reachable through a {@link dev.mephisto.store.rocksdb.RocksDbConfigurer}.
 */
package dev.mephisto.store.rocksdb;
