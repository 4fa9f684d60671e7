package dev.mephisto.bench.raw;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** RocksDB through its JNI API, configured as Kafka Streams configures its stores. */
final class RocksBacking implements RawCounts.Backing {
  private static final long BLOCK_CACHE = 50L * 1024 * 1024;

  private final LRUCache cache;
  private final BloomFilter filter;
  private final Options options;
  private final WriteOptions writeOptions;
  private final RocksDB db;

  RocksBacking(Path dir) throws RocksDBException {
    RocksDB.loadLibrary();
    cache = new LRUCache(BLOCK_CACHE);
    filter = new BloomFilter();
    BlockBasedTableConfig table = new BlockBasedTableConfig();
    table.setBlockCache(cache);
    table.setBlockSize(4096L);
    table.setFilterPolicy(filter);
    options = new Options()
        .setCreateIfMissing(true)
        .setTableFormatConfig(table)
        .setWriteBufferSize(16L * 1024 * 1024)
        .setMaxWriteBufferNumber(3)
        .setCompactionStyle(CompactionStyle.UNIVERSAL)
        .setCompressionType(CompressionType.NO_COMPRESSION)
        .setIncreaseParallelism(Math.max(Runtime.getRuntime().availableProcessors(), 2));
    // The changelog is the durable copy, so no write-ahead log (as Kafka Streams).
    writeOptions = new WriteOptions().setDisableWAL(true);
    db = RocksDB.open(options, dir.toString());
  }

  @Override
  public long load(byte[] key) {
    try {
      byte[] v = db.get(key);
      return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB get failed", e);
    }
  }

  @Override
  public void write(List<byte[]> keys, List<byte[]> values) {
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < keys.size(); i++) {
        batch.put(keys.get(i), values.get(i));
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB write failed", e);
    }
  }

  @Override
  public Map<String, Long> nativeMemory() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String p : List.of("block-cache-usage", "size-all-mem-tables", "estimate-table-readers-mem")) {
      try {
        out.put(p, db.getLongProperty("rocksdb." + p));
      } catch (RocksDBException e) {
        // a property this RocksDB does not have is left out
      }
    }
    return out;
  }

  @Override
  public void close() {
    db.close();
    writeOptions.close();
    options.close();
    filter.close();
    cache.close();
  }
}
