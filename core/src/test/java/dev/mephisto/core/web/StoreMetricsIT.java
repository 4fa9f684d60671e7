package dev.mephisto.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A RocksDB app's tables show their write cache's hits and misses and their stores' memory in
 * {@code /metrics}, the shared block cache counted once.
 */
@WithKafka
class StoreMetricsIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private static final long CACHE_MB = 8;

  @RegisterExtension final TestApps apps = new TestApps();

  /** The value of the one sample of {@code name} whose labels contain {@code label}. */
  private static double sample(String scrape, String name, String label) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
    List<Double> found = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).contains(label)) {
        found.add(Double.parseDouble(m.group(2)));
      }
    }
    assertEquals(1, found.size(), () -> name + " with " + label + " in\n" + scrape);
    return found.get(0);
  }

  @Test
  void cacheHitsAndStoreMemoryAreScraped(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("store-metrics");
    String store = apps.rocksdb("metrics") + "?blockCacheMb=" + CACHE_MB + "&writeBufferManagerMb=4";
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(4).store(store));
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    Table<String, String> last = app.table("last", String.class, String.class, "");
    app.agent(orders).name("counter").start(s -> {
      for (KeyValue<String, String> kv : s.<String>items()) {
        counts.update(kv.key(), n -> n + 1);
        last.put(kv.key(), kv.value());
      }
    });
    app.start();
    List<KeyValue<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(KeyValue.of("k" + (i % 30), "o" + i));
    }
    kafka.client().produceStrings(id + "-orders", records);
    AWAIT.until("all processed and committed", () -> kafka.client().lag(id, id + "-orders") == 0);
    String table = "table=\"counts\"";
    AWAIT.until("the 300 reads of counts are counted", () -> {
      String s = WebClient.get(app, "/metrics").body();
      return sample(s, "mephisto_table_cache_hits_total", table)
          + sample(s, "mephisto_table_cache_misses_total", table) >= 300;
    });

    String scrape = WebClient.get(app, "/metrics").body();
    double hits = sample(scrape, "mephisto_table_cache_hits_total", table);
    double misses = sample(scrape, "mephisto_table_cache_misses_total", table);
    assertTrue(misses >= 30, () -> "each of the 30 keys is read from the store once: " + misses);
    assertTrue(hits >= 1, () -> "later updates of a key read the cached entry: " + hits);
    assertEquals(hits / (hits + misses), sample(scrape, "mephisto_table_cache_hit_ratio", table),
        1e-9, "the ratio comes from the same read of the stats as the counters");
    for (String t : List.of("counts", "last")) {
      assertTrue(sample(scrape, "mephisto_store_memtables_bytes", "table=\"" + t + "\"") > 0,
          () -> t + "'s writes sit in RocksDB memtables:\n" + scrape);
      assertTrue(sample(scrape, "mephisto_store_table_readers_bytes", "table=\"" + t + "\"") >= 0,
          scrape);
    }
    String appLabel = "app=\"" + id + "\"";
    double cache = sample(scrape, "mephisto_store_block_cache_bytes", appLabel);
    // 8 stores (2 tables x 4 partitions) report the one cache; added up they would pass its size
    assertTrue(cache > 0, () -> "memtables are charged to the block cache:\n" + scrape);
    assertTrue(cache <= CACHE_MB << 20, () -> "the shared cache is counted once: " + cache);
    double pinned = sample(scrape, "mephisto_store_block_cache_pinned_bytes", appLabel);
    assertTrue(pinned >= 0 && pinned <= cache, () -> "pinned " + pinned + " of " + cache);
  }
}
