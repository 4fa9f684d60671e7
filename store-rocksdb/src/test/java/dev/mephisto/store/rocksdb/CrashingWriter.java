package dev.mephisto.store.rocksdb;

import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a child JVM by {@link RocksDbCrashRecoveryIT}: writes changelog batches, flushes once
 * half way, then halts without closing anything, as a killed worker would.
 *
 * <p>Arguments: store URL, number of batches of 100 records, value size in bytes. Key {@code
 * k<offset>} holds {@code v<offset>} padded to the value size, so a reader can tell exactly which
 * offsets made it to disk.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  /** @param args store URL, batch count, value size */
  public static void main(String[] args) {
    String url = args[0];
    int batches = Integer.parseInt(args[1]);
    int valueSize = Integer.parseInt(args[2]);
    Store store = Stores.create(List.of()).open(url, new StoreSpec("app", "counts", 0));
    long offset = 0;
    for (int b = 0; b < batches; b++) {
      List<ChangelogRecord> batch = new ArrayList<>(100);
      for (int i = 0; i < 100; i++, offset++) {
        byte[] value = Arrays.copyOf(("v" + offset).getBytes(StandardCharsets.UTF_8), valueSize);
        batch.add(new ChangelogRecord(("k" + offset).getBytes(StandardCharsets.UTF_8), value, offset));
      }
      store.applyChangelog(batch);
      if (b == batches / 2) {
        store.flush();
        System.out.println("FLUSHED " + (offset - 1));
      }
    }
    System.out.println("WROTE " + (offset - 1));
    System.out.flush();
    Runtime.getRuntime().halt(3);
  }
}
