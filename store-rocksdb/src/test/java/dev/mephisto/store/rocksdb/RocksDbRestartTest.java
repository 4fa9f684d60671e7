package dev.mephisto.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbRestartTest {
  @TempDir Path dir;
  private final StoreSpec spec = new StoreSpec("app", "counts", 0);

  /** A compacted-topic-like changelog: 2 000 writes over 300 keys, one in five a tombstone. */
  private static List<ChangelogRecord> changelog() {
    SplittableRandom random = new SplittableRandom(7);
    List<ChangelogRecord> log = new ArrayList<>();
    for (long offset = 0; offset < 2_000; offset++) {
      byte[] key = ("key-" + random.nextInt(300)).getBytes(StandardCharsets.UTF_8);
      byte[] value = random.nextInt(5) == 0 ? null
          : ("v" + offset).getBytes(StandardCharsets.UTF_8);
      log.add(new ChangelogRecord(key, value, offset));
    }
    return log;
  }

  /** Restores like the runtime: from the store's offset + 1, in batches. */
  private static int restore(Store store, List<ChangelogRecord> log) {
    long from = store.persistedOffset().isPresent() ? store.persistedOffset().getAsLong() + 1 : 0;
    List<ChangelogRecord> tail = log.subList((int) from, log.size());
    for (int i = 0; i < tail.size(); i += 250) {
      store.applyChangelog(tail.subList(i, Math.min(tail.size(), i + 250)));
    }
    return tail.size();
  }

  private static Map<String, String> contents(Store store) {
    Map<String, String> m = new TreeMap<>();
    try (StoreIterator it = store.all()) {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        m.put(new String(e.key(), StandardCharsets.UTF_8), new String(e.value(), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static Map<String, String> replay(List<ChangelogRecord> log) {
    Map<String, String> m = new TreeMap<>();
    for (ChangelogRecord r : log) {
      String k = new String(r.key(), StandardCharsets.UTF_8);
      if (r.value() == null) {
        m.remove(k);
      } else {
        m.put(k, new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  @Test
  void restartKeepsDataAndOffsetSoRestoreAppliesOnlyTheTail() {
    List<ChangelogRecord> log = changelog();
    String url = "rocksdb://" + dir.toUri().getPath();
    try (Store store = Stores.create(List.of()).open(url, spec)) {
      assertEquals(1_200, restore(store, log.subList(0, 1_200)));
    }
    // a new registry and provider, as after a process restart
    try (Store store = Stores.create(List.of()).open(url, spec)) {
      assertEquals(OptionalLong.of(1_199), store.persistedOffset());
      assertEquals(replay(log.subList(0, 1_200)), contents(store));
      assertEquals(800, restore(store, log));
      assertEquals(replay(log), contents(store));
      assertEquals(OptionalLong.of(1_999), store.persistedOffset());
    }
  }

  @Test
  void checkpointedWritesSurviveRestartWithTheirOffset() {
    String url = "rocksdb://" + dir.toUri().getPath() + "?wal=false";
    try (Store store = Stores.create(List.of()).open(url, spec)) {
      store.applyChangelog(List.of(new ChangelogRecord(new byte[] {1}, new byte[] {1}, 10)));
      store.put(new byte[] {2}, new byte[] {2});
      store.checkpoint(11);
    }
    try (Store store = Stores.create(List.of()).open(url, spec)) {
      assertEquals(OptionalLong.of(11), store.persistedOffset());
      assertEquals(2, contents(store).size());
    }
  }
}
