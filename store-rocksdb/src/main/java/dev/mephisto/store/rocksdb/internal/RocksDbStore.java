package dev.mephisto.store.rocksdb.internal;

import dev.mephisto.StoreException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.StoreWrite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One table partition in its own RocksDB database: entries in the default column family, the
 * changelog offset in the {@value #META_COLUMN_FAMILY} column family, written in the same batch.
 *
 * <p>Native calls on a closed database crash the JVM, so every operation holds the read side of a
 * {@link StampedLock} (one uncontended CAS) and {@link #close()} takes the write side: it waits
 * for running reads, then closes open iterators before the database.
 */
final class RocksDbStore implements Store {
  static final String META_COLUMN_FAMILY = "mephisto-meta";
  static final byte[] OFFSET_KEY = "changelog-offset".getBytes(StandardCharsets.US_ASCII);
  private static final long NO_OFFSET = -1;

  private final StoreSpec spec;
  private final Path directory;
  private final RocksDB db;
  private final ColumnFamilyHandle data;
  private final ColumnFamilyHandle meta;
  private final WriteOptions writeOptions;
  private final boolean wal;
  private final Natives natives;
  private final Runnable onClosed;
  private final StampedLock lock = new StampedLock();
  private final Set<RocksDbStoreIterator> iterators = ConcurrentHashMap.newKeySet();
  private volatile long offset;
  private volatile boolean closed;

  RocksDbStore(StoreSpec spec, Path directory, RocksDB db, ColumnFamilyHandle data,
      ColumnFamilyHandle meta, WriteOptions writeOptions, boolean wal, Natives natives,
      OptionalLong offset, Runnable onClosed) {
    this.spec = spec;
    this.directory = directory;
    this.db = db;
    this.data = data;
    this.meta = meta;
    this.writeOptions = writeOptions;
    this.wal = wal;
    this.natives = natives;
    this.offset = offset.orElse(NO_OFFSET);
    this.onClosed = onClosed;
  }

  static OptionalLong decodeOffset(byte[] stored) {
    if (stored == null || stored.length != Long.BYTES) {
      return OptionalLong.empty();
    }
    long v = 0;
    for (byte b : stored) {
      v = (v << 8) | (b & 0xFF);
    }
    return OptionalLong.of(v);
  }

  private static byte[] encodeOffset(long v) {
    byte[] b = new byte[Long.BYTES];
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  @Override
  public StoreSpec spec() {
    return spec;
  }

  Path directory() {
    return directory;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    Objects.requireNonNull(key, "key");
    long stamp = enter("read from");
    try {
      return Optional.ofNullable(db.get(data, key));
    } catch (RocksDBException e) {
      throw failure("read from", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public void put(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    long stamp = enter("write to");
    try {
      db.put(data, writeOptions, key, value);
    } catch (RocksDBException e) {
      throw failure("write to", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public void delete(byte[] key) {
    Objects.requireNonNull(key, "key");
    long stamp = enter("delete from");
    try {
      db.delete(data, writeOptions, key);
    } catch (RocksDBException e) {
      throw failure("delete from", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The writes of one flush of a table's write cache: one {@link WriteBatch}, one native write. */
  @Override
  public void putAll(List<StoreWrite> batch) {
    Objects.requireNonNull(batch, "batch");
    if (batch.isEmpty()) {
      return;
    }
    long stamp = enter("write to");
    try (WriteBatch writes = new WriteBatch()) {
      for (int i = 0, n = batch.size(); i < n; i++) {
        StoreWrite w = batch.get(i);
        if (w.value() == null) {
          writes.delete(data, w.key());
        } else {
          writes.put(data, w.key(), w.value());
        }
      }
      db.write(writeOptions, writes);
    } catch (RocksDBException e) {
      throw failure("write a batch of " + batch.size() + " entries to", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Memtables, table readers and the shared block cache: see {@link RocksDbMemory}. */
  @Override
  public StoreMemory memoryUsage() {
    long stamp = enter("read the memory usage of");
    try {
      return RocksDbMemory.of(db, data, meta);
    } catch (RocksDBException e) {
      throw failure("read the memory usage of", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public StoreIterator range(byte[] from, byte[] to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return iterator(from, to);
  }

  @Override
  public StoreIterator all() {
    return iterator(null, null);
  }

  private StoreIterator iterator(byte[] from, byte[] to) {
    long stamp = enter("iterate over");
    try {
      if (from != null && Arrays.compareUnsigned(from, to) >= 0) {
        return new RocksDbStoreIterator(this, null, null, null);
      }
      ReadOptions options = new ReadOptions();
      Slice upperBound = null;
      try {
        if (to != null) {
          upperBound = new Slice(to);
          options.setIterateUpperBound(upperBound);
        }
        RocksIterator it = db.newIterator(data, options);
        if (from == null) {
          it.seekToFirst();
        } else {
          it.seek(from);
        }
        RocksDbStoreIterator iterator = new RocksDbStoreIterator(this, it, options, upperBound);
        iterators.add(iterator);
        return iterator;
      } catch (RuntimeException e) {
        if (upperBound != null) {
          upperBound.close();
        }
        options.close();
        throw e;
      }
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public long approximateCount() {
    long stamp = enter("count");
    try {
      return db.getLongProperty(data, "rocksdb.estimate-num-keys");
    } catch (RocksDBException e) {
      throw failure("count the entries of", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public void applyChangelog(List<ChangelogRecord> batch) {
    Objects.requireNonNull(batch, "batch");
    long stamp = enter("apply the changelog to");
    try {
      if (batch.isEmpty()) {
        return;
      }
      long last = checkedOffset(batch.get(batch.size() - 1).offset());
      try (WriteBatch writes = new WriteBatch()) {
        for (int i = 0, n = batch.size(); i < n; i++) {
          ChangelogRecord r = batch.get(i);
          if (r.value() == null) {
            writes.delete(data, Objects.requireNonNull(r.key(), "key"));
          } else {
            writes.put(data, Objects.requireNonNull(r.key(), "key"), r.value());
          }
        }
        writes.put(meta, OFFSET_KEY, encodeOffset(last));
        db.write(writeOptions, writes);
      } catch (RocksDBException e) {
        throw failure("apply " + batch.size() + " changelog records up to offset " + last + " to", e);
      }
      offset = last;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public void checkpoint(long offset) {
    long checked = checkedOffset(offset);
    long stamp = enter("checkpoint");
    try {
      db.put(meta, writeOptions, OFFSET_KEY, encodeOffset(checked));
      this.offset = checked;
    } catch (RocksDBException e) {
      throw failure("checkpoint offset " + checked + " in", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public OptionalLong persistedOffset() {
    long o = offset;
    return o == NO_OFFSET ? OptionalLong.empty() : OptionalLong.of(o);
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public void flush() {
    long stamp = enter("flush");
    try {
      flushNatively();
    } catch (RocksDBException e) {
      throw failure("flush", e);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private void flushNatively() throws RocksDBException {
    if (wal) {
      db.flushWal(true);
    } else {
      // without a WAL only flushed memtables survive; atomic flush keeps data and offset together
      try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
        db.flush(options, List.of(data, meta));
      }
    }
  }

  @Override
  public void close() {
    long stamp = lock.writeLock();
    if (closed) {
      lock.unlockWrite(stamp);
      return;
    }
    closed = true;
    StoreException failure = null;
    try {
      iterators.forEach(RocksDbStoreIterator::release);
      iterators.clear();
      try {
        flushNatively();
      } catch (RocksDBException e) {
        failure = failure("flush", e);
      }
      meta.close();
      data.close();
      try {
        db.closeE();
      } catch (RocksDBException e) {
        failure = failure == null ? failure("close", e) : failure;
      }
    } finally {
      natives.close();
      PrivateFiles.restrictFiles(directory); // files made since the open
      lock.unlockWrite(stamp);
      // always: the partition may be opened again, and the shared cache needs its count
      onClosed.run();
    }
    if (failure != null) {
      throw failure;
    }
  }

  long enter(String action) {
    long stamp = lock.readLock();
    if (closed) {
      lock.unlockRead(stamp);
      throw new StoreException("Cannot " + action + " the RocksDB store of " + spec.describe()
          + " of app '" + spec.appId() + "' at '" + directory
          + "': the store is closed; open it again with StoreProvider.open(...)");
    }
    return stamp;
  }

  void exit(long stamp) {
    lock.unlockRead(stamp);
  }

  /** Takes the read lock even when closed: closing an iterator must work after the store closed. */
  long enterClosedOrNot() {
    return lock.readLock();
  }

  /** An iterator released its native objects; {@link #close()} need not release them again. */
  void forget(RocksDbStoreIterator iterator) {
    iterators.remove(iterator);
  }

  StoreException failure(String action, RocksDBException e) {
    return failure(spec, directory, action, e);
  }

  static StoreException failure(StoreSpec spec, Path directory, String action, RocksDBException e) {
    return new StoreException("Cannot " + action + " the RocksDB store of " + spec.describe()
        + " of app '" + spec.appId() + "' at '" + directory + "': RocksDB status " + status(e)
        + "; check free disk space, the directory's permissions and the LOG file in it", e);
  }

  static String status(RocksDBException e) {
    Status s = e.getStatus();
    if (s == null) {
      return "'" + e.getMessage() + "'";
    }
    String sub = s.getSubCode() == null || s.getSubCode() == Status.SubCode.None
        ? "" : "/" + s.getSubCode();
    return s.getCode() + sub + " '" + e.getMessage() + "'";
  }

  private long checkedOffset(long o) {
    if (o < 0) {
      throw new IllegalArgumentException("Changelog offset for " + spec.describe() + " was '" + o
          + "' but it should be >= 0");
    }
    return o;
  }

  @Override
  public String toString() {
    return "RocksDbStore[" + directory + "]";
  }
}
