package dev.mephisto.store.rocksdb.internal;

import dev.mephisto.StoreException;
import dev.mephisto.store.StoreSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deletes one table partition's database directory, refusing while a process holds it open. */
public final class RocksDbDestroyer {
  private RocksDbDestroyer() {}

  /**
   * @param directory the partition's database directory
   * @param spec the partition, for messages
   * @return true if it existed
   * @throws StoreException if it is open (its {@code LOCK} file is locked) or cannot be deleted
   */
  public static boolean destroy(Path directory, StoreSpec spec) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    Path lockFile = directory.resolve("LOCK");
    try {
      if (Files.exists(lockFile)) {
        // RocksDB holds a POSIX lock on LOCK while open; so does FileChannel.tryLock
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
          FileLock lock;
          try {
            lock = ch.tryLock();
          } catch (OverlappingFileLockException e) {
            lock = null;
          }
          if (lock == null) {
            throw new StoreException("The RocksDB store of " + spec.describe() + " of app '"
                + spec.appId() + "' at '" + directory + "' is open in a running worker; stop it "
                + "before deleting its local state");
          }
          lock.release();
        }
      }
      List<Path> all;
      try (Stream<Path> s = Files.walk(directory)) {
        all = s.sorted(Comparator.reverseOrder()).toList();
      }
      for (Path p : all) {
        Files.delete(p);
      }
      return true;
    } catch (IOException e) {
      throw new StoreException("Cannot delete the RocksDB store of " + spec.describe() + " of app '"
          + spec.appId() + "' at '" + directory + "': " + e, e);
    }
  }
}
