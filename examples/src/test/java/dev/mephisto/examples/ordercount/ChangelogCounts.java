package dev.mephisto.examples.ordercount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.testkit.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the changelog of table {@code order_count} says: every count written, per account. */
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
   * Each account's counts were written 1, 2, 3, ... to one changelog partition: every order
   * counted once, none twice, all of an account's orders in one shard (the effect of groupBy).
   */
  public void assertEachAccountCountedUpByOneInOnePartition() {
    values.forEach((account, counts) -> {
      assertEquals(1, partitions.get(account).size(),
          () -> account + " written to partitions " + partitions.get(account));
      for (int i = 0; i < counts.size(); i++) {
        assertEquals(i + 1, counts.get(i), account + " counts " + counts);
      }
    });
  }
}
