package dev.mephisto.store.rocksdb.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.StoreException;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.rocksdb.RocksDbConfigurer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the native options of one partition database and opens it, retrying while it is locked. */
final class RocksDbOpener {
  private static final Logger log = LoggerFactory.getLogger(RocksDbOpener.class);
  private static final long META_WRITE_BUFFER_BYTES = 64 << 10;
  private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

  private RocksDbOpener() {}

  static RocksDbStore open(StoreSpec spec, Path directory, RocksDbSettings settings,
      SharedMemory memory, List<RocksDbConfigurer> configurers, Runnable onClosed) {
    Natives natives = new Natives();
    List<ColumnFamilyHandle> handles = new ArrayList<>(2);
    RocksDB db = null;
    try {
      PrivateFiles.createDirectories(directory);
      BloomFilter filter = natives.add(new BloomFilter(10));
      BlockBasedTableConfig table = new BlockBasedTableConfig()
          .setBlockCache(memory.cache())
          .setFilterPolicy(filter)
          .setCacheIndexAndFilterBlocks(true)
          .setCacheIndexAndFilterBlocksWithHighPriority(true)
          .setPinL0FilterAndIndexBlocksInCache(true);
      DBOptions dbOptions = natives.add(new DBOptions())
          .setCreateIfMissing(true)
          .setCreateMissingColumnFamilies(true)
          // flushes of entries and offset land together, so even without a WAL they agree
          .setAtomicFlush(true)
          .setKeepLogFileNum(2)
          .setMaxLogFileSize(4L << 20);
      memory.writeBufferManager().ifPresent(dbOptions::setWriteBufferManager);
      ColumnFamilyOptions dataOptions = natives.add(new ColumnFamilyOptions())
          .setWriteBufferSize((long) settings.writeBufferSizeMb() << 20)
          .setMaxWriteBufferNumber(settings.maxWriteBufferNumber())
          .setCompressionType(settings.compression())
          .setTableFormatConfig(table);
      ColumnFamilyOptions metaOptions = natives.add(new ColumnFamilyOptions())
          .setWriteBufferSize(META_WRITE_BUFFER_BYTES)
          .setCompressionType(CompressionType.NO_COMPRESSION)
          .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(memory.cache()));
      for (RocksDbConfigurer configurer : configurers) {
        configure(configurer, spec, dbOptions, dataOptions);
        // closed after the database (natives close in reverse), before the options
        natives.add(() -> configurer.close(spec));
      }
      WriteOptions writeOptions = natives.add(new WriteOptions())
          .setSync(settings.sync())
          .setDisableWAL(!settings.wal());
      List<ColumnFamilyDescriptor> families = List.of(
          new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, dataOptions),
          new ColumnFamilyDescriptor(
              RocksDbStore.META_COLUMN_FAMILY.getBytes(StandardCharsets.US_ASCII), metaOptions));
      db = openLocked(spec, directory, settings.lockTimeout(), dbOptions, families, handles);
      PrivateFiles.restrictFiles(directory);
      OptionalLong offset = RocksDbStore.decodeOffset(db.get(handles.get(1), RocksDbStore.OFFSET_KEY));
      log.debug("Opened RocksDB store of {} of app '{}' at '{}' (changelog offset {})",
          spec.describe(), spec.appId(), directory, offset);
      return new RocksDbStore(spec, directory, db, handles.get(0), handles.get(1), writeOptions,
          settings.wal(), natives, offset, onClosed);
    } catch (RocksDBException e) {
      closeQuietly(handles, db, natives);
      throw RocksDbStore.failure(spec, directory, "open", e);
    } catch (IOException e) {
      closeQuietly(handles, db, natives);
      throw new StoreException("Cannot create the directory '" + directory + "' for the RocksDB "
          + "store of " + spec.describe() + " of app '" + spec.appId() + "': " + e
          + "; check the path in the store URL and its permissions", e);
    } catch (RuntimeException | Error e) {
      closeQuietly(handles, db, natives);
      throw e;
    }
  }

  private static void configure(RocksDbConfigurer configurer, StoreSpec spec, DBOptions db,
      ColumnFamilyOptions cf) {
    try {
      configurer.configure(spec, db, cf);
    } catch (RuntimeException e) {
      throw new ConfigurationException("RocksDB configurer " + configurer.getClass().getName()
          + " failed for " + spec.describe() + " of app '" + spec.appId() + "': " + e, e);
    }
  }

  private static RocksDB openLocked(StoreSpec spec, Path directory, Duration timeout,
      DBOptions options, List<ColumnFamilyDescriptor> families, List<ColumnFamilyHandle> handles)
      throws RocksDBException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration backoff = Duration.ofMillis(10);
    boolean warned = false;
    while (true) {
      try {
        return RocksDB.open(options, directory.toString(), families, handles);
      } catch (RocksDBException e) {
        if (!isLockError(e)) {
          throw e;
        }
        if (System.nanoTime() + backoff.toNanos() > deadline) {
          throw new StoreException("Cannot open the RocksDB store of " + spec.describe()
              + " of app '" + spec.appId() + "' at '" + directory + "': the database is still "
              + "locked after waiting " + timeout.toMillis() + " ms (RocksDB status "
              + RocksDbStore.status(e) + "); another worker process, or another store provider "
              + "in this process, still has this partition open: stop that worker or close that "
              + "store, give each worker its own directory, or raise 'lockTimeout' in the store URL",
              e);
        }
        if (!warned) {
          warned = true;
          log.warn("RocksDB store of {} of app '{}' at '{}' is locked by another store; "
              + "retrying for up to {} ms", spec.describe(), spec.appId(), directory,
              timeout.toMillis());
        }
        pause(spec, directory, backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  static boolean isLockError(RocksDBException e) {
    Status s = e.getStatus();
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return s != null && s.getCode() == Status.Code.IOError && message.contains("lock");
  }

  private static void pause(StoreSpec spec, Path directory, Duration backoff) {
    try {
      Thread.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted while waiting for the RocksDB store of "
          + spec.describe() + " of app '" + spec.appId() + "' at '" + directory + "' to be unlocked", e);
    }
  }

  private static void closeQuietly(List<ColumnFamilyHandle> handles, RocksDB db, Natives natives) {
    handles.forEach(ColumnFamilyHandle::close);
    if (db != null) {
      db.close();
    }
    natives.close();
  }
}
