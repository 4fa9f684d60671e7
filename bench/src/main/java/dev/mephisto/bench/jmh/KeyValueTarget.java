package dev.mephisto.bench.jmh;

import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * What the store benchmarks measure: a Mephisto {@link Store} ({@code memory://}, {@code
 * rocksdb://}), a bare JDK map, or bare RocksDB through JNI configured as Mephisto configures it
 * (128 MB LRU block cache holding index and filter blocks, L0 ones pinned, bloom filter, 16 MB
 * memtables, LZ4, no write-ahead log), minus its write buffer manager and second column family.
 */
abstract class KeyValueTarget implements AutoCloseable {
  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

  abstract byte[] get(byte[] key);

  abstract void put(byte[] key, byte[] value);

  /** Visits {@code [from, to)}; returns the summed value lengths, so nothing is optimised away. */
  abstract long range(byte[] from, byte[] to);

  /** Makes what was written durable where that means something (RocksDB: memtable to SST). */
  void flush() {}

  @Override
  public void close() {}

  /**
   * @param kind {@code memory}, {@code rocksdb}, {@code HashMap}, {@code TreeMap}, {@code
   *     ConcurrentSkipListMap} or {@code rocksdb-jni}
   * @param dir an empty directory for RocksDB
   * @return the target
   */
  static KeyValueTarget of(String kind, Path dir) {
    return switch (kind) {
      case "memory" -> new MephistoStore(Stores.create(List.of())
          .open("memory://", new StoreSpec("jmh", "t", 0)), null);
      case "rocksdb" -> new MephistoStore(Stores.create(List.of())
          .open("rocksdb://" + dir.toAbsolutePath(), new StoreSpec("jmh", "t", 0)), dir);
      case "HashMap" -> new Hashed();
      case "TreeMap" -> new Sorted(new TreeMap<>(UNSIGNED));
      case "ConcurrentSkipListMap" -> new Sorted(new ConcurrentSkipListMap<>(UNSIGNED));
      case "rocksdb-jni" -> new RocksJni(dir);
      default -> throw new IllegalArgumentException("Unknown store '" + kind + "'");
    };
  }

  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Mephisto store, as tables use it. */
  static final class MephistoStore extends KeyValueTarget {
    private final Store store;
    private final Path dir;

    MephistoStore(Store store, Path dir) {
      this.store = store;
      this.dir = dir;
    }

    @Override
    byte[] get(byte[] key) {
      return store.get(key).orElse(null);
    }

    @Override
    void put(byte[] key, byte[] value) {
      store.put(key, value);
    }

    @Override
    long range(byte[] from, byte[] to) {
      long n = 0;
      try (StoreIterator it = store.range(from, to)) {
        while (it.hasNext()) {
          StoreEntry e = it.next();
          n += e.value().length;
        }
      }
      return n;
    }

    @Override
    void flush() {
      store.flush();
    }

    @Override
    public void close() {
      store.close();
      deleteRecursively(dir);
    }
  }

  /** A HashMap keyed by wrapped byte arrays (no range). */
  static final class Hashed extends KeyValueTarget {
    private final Map<MapBenchmark.Key, byte[]> map = new HashMap<>();

    @Override
    byte[] get(byte[] key) {
      return map.get(MapBenchmark.Key.of(key));
    }

    @Override
    void put(byte[] key, byte[] value) {
      map.put(MapBenchmark.Key.of(key), value);
    }

    @Override
    long range(byte[] from, byte[] to) {
      throw new UnsupportedOperationException("a HashMap has no ranges");
    }
  }

  /** A sorted JDK map ordered by unsigned bytes. */
  static final class Sorted extends KeyValueTarget {
    private final NavigableMap<byte[], byte[]> map;

    Sorted(NavigableMap<byte[], byte[]> map) {
      this.map = map;
    }

    @Override
    byte[] get(byte[] key) {
      return map.get(key);
    }

    @Override
    void put(byte[] key, byte[] value) {
      map.put(key, value);
    }

    @Override
    long range(byte[] from, byte[] to) {
      long n = 0;
      for (byte[] v : map.subMap(from, true, to, false).values()) {
        n += v.length;
      }
      return n;
    }
  }

  /** Bare RocksDB through JNI. */
  static final class RocksJni extends KeyValueTarget {
    static {
      RocksDB.loadLibrary(); // before the fields below create native objects
    }

    private final Path dir;
    private final LRUCache cache = new LRUCache(128L << 20);
    private final BloomFilter filter = new BloomFilter(10);
    private final Options options;
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    private final RocksDB db;

    RocksJni(Path dir) {
      this.dir = dir;
      options = new Options()
          .setCreateIfMissing(true)
          .setWriteBufferSize(16L << 20)
          .setMaxWriteBufferNumber(3)
          .setCompressionType(CompressionType.LZ4_COMPRESSION)
          .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache)
              .setFilterPolicy(filter).setCacheIndexAndFilterBlocks(true)
              .setCacheIndexAndFilterBlocksWithHighPriority(true)
              .setPinL0FilterAndIndexBlocksInCache(true));
      try {
        Files.createDirectories(dir);
        db = RocksDB.open(options, dir.toString());
      } catch (RocksDBException | IOException e) {
        throw new IllegalStateException("Cannot open RocksDB at '" + dir + "'", e);
      }
    }

    @Override
    byte[] get(byte[] key) {
      try {
        return db.get(key);
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    void put(byte[] key, byte[] value) {
      try {
        db.put(writeOptions, key, value);
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    long range(byte[] from, byte[] to) {
      long n = 0;
      try (Slice upper = new Slice(to);
          ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
          RocksIterator it = db.newIterator(read)) {
        for (it.seek(from); it.isValid(); it.next()) {
          byte[] key = it.key(); // a store entry has both; copied as Mephisto's iterator does
          n += it.value().length + (key.length == 0 ? 1 : 0);
        }
      }
      return n;
    }

    @Override
    void flush() {
      try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
        db.flush(f);
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      db.close();
      writeOptions.close();
      options.close();
      filter.close();
      cache.close();
      deleteRecursively(dir);
    }
  }
}
