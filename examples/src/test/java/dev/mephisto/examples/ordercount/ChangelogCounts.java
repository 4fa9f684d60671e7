package dev.mephisto.examples.ordercount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.testkit.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the changelog of table {@code order_count} says: every count logged, per account. */
public final class ChangelogCounts {
  private final Map<String, List<Long>> values = new HashMap<>();
  private final Map<String, Set<Integer>> partitions = new HashMap<>();

  private ChangelogCounts() {}

  /**
   * @param kafka the broker
   * @param changelog the changelog topic
   * @return its content, in partition order (one account lives in one partition)
   */
  public static ChangelogCounts read(KafkaCluster kafka, String changelog) {
    ChangelogCounts c = new ChangelogCounts();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll(changelog)) {
      String json = new String(r.key(), StandardCharsets.UTF_8); // keys are json: "acc-1"
      String account = json.substring(1, json.length() - 1);
      c.values.computeIfAbsent(account, a -> new ArrayList<>())
          .add(Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)));
      c.partitions.computeIfAbsent(account, a -> new HashSet<>()).add(r.partition());
    }
    return c;
  }

  /** @return the last count of each account */
  public Map<String, Long> finals() {
    Map<String, Long> m = new HashMap<>();
    values.forEach((k, v) -> m.put(k, v.get(v.size() - 1)));
    return m;
  }

  /** @return the sum of the last counts */
  public long total() {
    return finals().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Each account's counts rise with every changelog record, all in one changelog partition: no
   * account starts again from 1, all of an account's orders land in one shard (the effect of
   * groupBy). The table's write cache logs each account's latest count once per commit, so the
   * counts rise by the orders of a commit interval (by one each with {@code tableCacheMaxBytes=0},
   * as Faust logs them).
   */
  public void assertEachAccountCountsUpInOnePartition() {
    values.forEach((account, counts) -> {
      assertEquals(1, partitions.get(account).size(),
          () -> account + " written to partitions " + partitions.get(account));
      for (int i = 0; i < counts.size(); i++) {
        long previous = i == 0 ? 0 : counts.get(i - 1);
        assertTrue(counts.get(i) > previous, account + " counts " + counts);
      }
    });
  }
}
