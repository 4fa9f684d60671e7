package dev.mephisto.store.rocksdb.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps table state private to the user running the worker where the file system is POSIX:
 * directories {@code rwx------} (0700, as Kafka Streams' state directory) and files {@code
 * rw-------} (0600). RocksDB creates its files with the process umask (usually 0644); they sit in
 * 0700 directories nobody else can enter, and are set to 0600 whenever a store opens and closes.
 */
final class PrivateFiles {
  private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates a partition's directory {@code <base>/<app>/<partition>}, each directory created
   * private, and makes the app's and the partition's directory private if they existed.
   *
   * @param directory the partition's directory
   */
  static void createDirectories(Path directory) throws IOException {
    if (!posix(directory)) {
      Files.createDirectories(directory);
      return;
    }
    FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(DIRECTORY);
    Files.createDirectories(directory, attr);
    // the app's directory and the partition's belong to Mephisto: tighten them if they were made
    // before (older versions made them 0755); the base path is the user's choice, left alone
    restrict(directory.getParent(), DIRECTORY);
    restrict(directory, DIRECTORY);
  }

  /** Sets every regular file directly in {@code directory} (RocksDB's are all there) to 0600. */
  static void restrictFiles(Path directory) {
    if (!posix(directory) || !Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path f : files) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          restrict(f, FILE);
        }
      }
    } catch (IOException e) {
      log.warn("Cannot make the RocksDB files in '{}' private (0600): {}", directory, e.toString());
    }
  }

  private static void restrict(Path p, Set<PosixFilePermission> wanted) {
    try {
      if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
        Files.setPosixFilePermissions(p, wanted);
      }
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("Cannot set permissions {} on '{}': {}", PosixFilePermissions.toString(wanted), p,
          e.toString());
    }
  }
}
