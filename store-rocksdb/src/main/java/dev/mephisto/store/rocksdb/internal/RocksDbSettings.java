package dev.mephisto.store.rocksdb.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.store.StoreSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rocksdb.CompressionType;

/**
 * The options of a {@code rocksdb://} URL, validated.
 *
 * @param basePath absolute directory that holds {@code <appId>/<table>-<partition>}
 * @param blockCacheMb shared LRU block cache
 * @param writeBufferManagerMb shared memtable budget charged to the cache; 0 for none
 * @param writeBufferSizeMb memtable size per partition
 * @param maxWriteBufferNumber memtables per partition
 * @param compression compression of the entries
 * @param wal whether writes go to the write-ahead log
 * @param sync whether the write-ahead log is synced on every write
 * @param lockTimeout how long opening waits for a partition that is still open
 * @param configurer class name of a configurer, if any
 */
public record RocksDbSettings(
    Path basePath,
    int blockCacheMb,
    int writeBufferManagerMb,
    int writeBufferSizeMb,
    int maxWriteBufferNumber,
    CompressionType compression,
    boolean wal,
    boolean sync,
    Duration lockTimeout,
    Optional<String> configurer) {

  /** Directory used by {@code rocksdb://} without a path, relative to the working directory. */
  public static final String DEFAULT_DIRECTORY = "mephisto-data";

  /** The option names, as written in URLs. */
  public static final List<String> OPTIONS = List.of(
      "blockCacheMb", "compression", "configurer", "lockTimeout", "maxWriteBufferNumber", "sync",
      "wal", "writeBufferManagerMb", "writeBufferSizeMb");

  private static final Map<String, CompressionType> COMPRESSIONS = Map.of(
      "none", CompressionType.NO_COMPRESSION,
      "lz4", CompressionType.LZ4_COMPRESSION,
      "zstd", CompressionType.ZSTD_COMPRESSION,
      "snappy", CompressionType.SNAPPY_COMPRESSION);
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  /**
   * @param uri a {@code rocksdb:} URL
   * @return its settings
   * @throws ConfigurationException naming the option, its value and what is allowed
   */
  public static RocksDbSettings parse(URI uri) {
    Map<String, String> options = options(uri);
    int blockCacheMb = intOption(uri, options, "blockCacheMb", 128, 1);
    int wbmMb = intOption(uri, options, "writeBufferManagerMb", 64, 0);
    if (wbmMb > blockCacheMb) {
      throw new ConfigurationException("Option 'writeBufferManagerMb' in store URL '" + uri
          + "' was '" + wbmMb + "' but it should be at most blockCacheMb (" + blockCacheMb
          + "): the memtables are charged to the block cache");
    }
    boolean sync = boolOption(uri, options, "sync", false);
    // off by default as in Kafka Streams: the changelog is the truth, and atomic flushes keep
    // entries and offset together; syncing needs the log, so sync=true turns it on
    boolean wal = boolOption(uri, options, "wal", sync);
    if (sync && !wal) {
      throw new ConfigurationException("Options 'sync=true' and 'wal=false' in store URL '" + uri
          + "' contradict each other: sync applies to the write-ahead log; drop one of them");
    }
    String compression = options.getOrDefault("compression", "lz4");
    if (!COMPRESSIONS.containsKey(compression)) {
      throw new ConfigurationException("Option 'compression' in store URL '" + uri + "' was '"
          + compression + "' but it should be one of [lz4, none, snappy, zstd]");
    }
    String configurer = options.get("configurer");
    if (configurer != null && configurer.isBlank()) {
      throw new ConfigurationException("Option 'configurer' in store URL '" + uri
          + "' is empty but it should be a class name such as 'com.example.MyConfigurer'");
    }
    return new RocksDbSettings(
        basePath(uri),
        blockCacheMb,
        wbmMb,
        intOption(uri, options, "writeBufferSizeMb", 16, 1),
        intOption(uri, options, "maxWriteBufferNumber", 3, 1),
        COMPRESSIONS.get(compression),
        wal,
        sync,
        duration(uri, options.getOrDefault("lockTimeout", "10s")),
        Optional.ofNullable(configurer));
  }

  /**
   * @param spec a table partition
   * @return its database directory, {@code <basePath>/<appId>/<table>-<partition>}
   * @throws ConfigurationException if the app id or table name cannot be a directory name
   */
  public Path directory(StoreSpec spec) {
    for (String name : List.of(spec.appId(), spec.table())) {
      if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
        throw new ConfigurationException("Name '" + name + "' of " + spec.describe()
            + " cannot be a RocksDB directory name; it should be letters, digits, '.', '_' or '-'");
      }
    }
    return basePath.resolve(spec.appId()).resolve(spec.table() + "-" + spec.partition());
  }

  private static Map<String, String> options(URI uri) {
    Map<String, String> options = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return options;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (eq < 0) {
        throw new ConfigurationException("Option '" + name + "' in store URL '" + uri
            + "' has no value; write it as '" + name + "=<value>'");
      }
      if (!OPTIONS.contains(name)) {
        throw new ConfigurationException("Unknown option '" + name + "' in store URL '" + uri
            + "'; known options: " + OPTIONS);
      }
      if (options.put(name, decode(pair.substring(eq + 1)).trim()) != null) {
        throw new ConfigurationException(
            "Option '" + name + "' appears twice in store URL '" + uri + "'; keep one");
      }
    }
    return options;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Path basePath(URI uri) {
    String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
    String path = uri.getPath() == null ? "" : uri.getPath();
    // rocksdb://state/x has the authority "state": read it as the relative path state/x
    String text = authority + path;
    try {
      return Path.of(text.isEmpty() ? DEFAULT_DIRECTORY : text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigurationException("Store URL '" + uri + "' has the path '" + text
          + "' that is not a valid directory: " + e.getMessage()
          + "; expected e.g. 'rocksdb:///var/lib/mephisto'", e);
    }
  }

  private static int intOption(URI uri, Map<String, String> options, String name, int def, int min) {
    String v = options.get(name);
    if (v == null) {
      return def;
    }
    try {
      int i = Integer.parseInt(v);
      if (i >= min) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw new ConfigurationException("Option '" + name + "' in store URL '" + uri + "' was '" + v
        + "' but it should be a whole number >= " + min);
  }

  private static boolean boolOption(URI uri, Map<String, String> options, String name, boolean def) {
    String v = options.get(name);
    if (v == null) {
      return def;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigurationException("Option '" + name + "' in store URL '" + uri
          + "' was '" + v + "' but it should be 'true' or 'false'");
    };
  }

  private static Duration duration(URI uri, String v) {
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    try {
      Duration d;
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      } else {
        d = Duration.parse(v);
      }
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      // reported below with the expected form
    }
    throw new ConfigurationException("Option 'lockTimeout' in store URL '" + uri + "' was '" + v
        + "' but it should be a duration >= 0 such as '500ms', '10s', '2m' or 'PT30S'");
  }
}
