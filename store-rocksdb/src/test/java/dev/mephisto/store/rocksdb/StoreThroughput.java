package dev.mephisto.store.rocksdb;

import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A rough throughput harness, not a test and not JMH: put, get and changelog restore for memory
 * and RocksDB, printed as operations per second. Run it from the project root after {@code
 * ./mvnw -q -pl store-rocksdb -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}:
 *
 * <pre>
 * java -cp store-rocksdb/target/test-classes:store-rocksdb/target/classes:$(cat store-rocksdb/target/cp.txt) \
 *     dev.mephisto.store.rocksdb.StoreThroughput [records [memory|rocksdb]]
 * </pre>
 */
public final class StoreThroughput {
  private static final int KEYS = 100_000;

  private StoreThroughput() {}

  /** @param args optional record count (default 1 000 000), then a URL prefix to run only those */
  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String only = args.length > 1 ? args[1] : "";
    Path base = Files.createTempDirectory("mephisto-throughput");
    String rocks = "rocksdb://" + base.toUri().getPath();
    List<String> urls = List.of("memory://", rocks, rocks + "?compression=none", rocks + "?wal=true");
    for (int round = 1; round <= 2; round++) {
      System.out.println("round " + round + (round == 1 ? " (warm-up)" : ""));
      for (String url : urls) {
        if (url.startsWith(only)) {
          run(url, n, round);
        }
      }
    }
  }

  private static byte[] key(int i) {
    // counts-style keys: an account id, spread over KEYS distinct values
    return ("account-" + (i * 2_654_435_761L % KEYS)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void run(String url, int n, int round) {
    Stores stores = Stores.create(List.of());
    byte[][] keys = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = key(i);
    }
    byte[] value = new byte[8];
    StoreSpec spec = new StoreSpec("bench", "t" + round, 0);
    try (Store store = stores.open(url, spec)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        store.put(keys[i % KEYS], value);
      }
      long t1 = System.nanoTime();
      SplittableRandom random = new SplittableRandom(1);
      long found = 0;
      for (int i = 0; i < n; i++) {
        found += store.get(keys[random.nextInt(KEYS)]).isPresent() ? 1 : 0;
      }
      long t2 = System.nanoTime();
      System.out.printf("  %-45s put %,10.0f ops/s   get %,10.0f ops/s   (%d found)%n",
          label(url), n / secs(t1 - t0), n / secs(t2 - t1), found);
    }
    StoreSpec restoreSpec = new StoreSpec("bench", "restore" + round, 0);
    try (Store store = stores.open(url, restoreSpec)) {
      List<ChangelogRecord> batch = new ArrayList<>(10_000);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        batch.add(new ChangelogRecord(keys[i % KEYS], value, i));
        if (batch.size() == 10_000) {
          store.applyChangelog(batch);
          batch.clear();
        }
      }
      store.applyChangelog(batch);
      store.flush();
      long t1 = System.nanoTime();
      System.out.printf("  %-45s applyChangelog %,d records in batches of 10 000: %,d ms (%,.0f records/s)%n",
          label(url), n, (t1 - t0) / 1_000_000, n / secs(t1 - t0));
    }
    if (!url.startsWith("memory")) {
      StoreSpec reopenSpec = new StoreSpec("bench", "reopen" + round, 0);
      long t0 = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        try (Store store = stores.open(url, reopenSpec)) {
          store.put(keys[i], value);
        }
      }
      System.out.printf("  %-45s open+put+close: %.1f ms each%n", label(url),
          (System.nanoTime() - t0) / 50 / 1e6);
    }
  }

  private static String label(String url) {
    int q = url.indexOf('?');
    return url.startsWith("memory") ? "memory://" : "rocksdb://<tmp>" + (q < 0 ? "" : url.substring(q));
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }
}
