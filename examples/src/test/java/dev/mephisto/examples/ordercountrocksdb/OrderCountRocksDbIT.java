package dev.mephisto.examples.ordercountrocksdb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.ordercount.ChangelogCounts;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class OrderCountRocksDbIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();
  private static final String CHANGELOG = "order-count-rocksdb-order_count-changelog";

  private static long counted(KafkaCluster kafka) {
    return ChangelogCounts.read(kafka, CHANGELOG).total();
  }

  @Test
  void totalsContinueAfterARestartOnTheSameRocksDbDirectory(KafkaCluster kafka, @TempDir Path state) {
    String dir = state.toString();
    try (ExampleRun first = ExampleRun.start("order-count-rocksdb", kafka, "--state-dir", dir)) {
      AWAIT.until("20 orders counted", () -> counted(kafka) >= 20);
      first.stop();
    }
    Map<String, Long> before = ChangelogCounts.read(kafka, CHANGELOG).finals();
    long total = before.values().stream().mapToLong(Long::longValue).sum();
    Path partition0 = state.resolve("rocksdb").resolve(OrderCountRocksDb.APP_ID).resolve("order_count-0");
    assertTrue(Files.isDirectory(partition0), () -> "RocksDB keeps partition 0 in " + partition0);

    String out;
    try (ExampleRun second = ExampleRun.start("order-count-rocksdb", kafka, "--state-dir", dir)) {
      AWAIT.until("20 more orders counted", () -> counted(kafka) >= total + 20);
      out = second.stop();
    }
    ChangelogCounts after = ChangelogCounts.read(kafka, CHANGELOG);
    // Counting on from the stored totals: no account starts again at 1, none is counted twice.
    after.assertEachAccountCountsUpInOnePartition();
    before.forEach((account, n) -> assertTrue(after.finals().get(account) >= n, account));
    String restored = out.lines().filter(l -> l.contains("table after start: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no 'table after start' line in\n" + out));
    long shown = Long.parseLong(restored.replaceAll(".*\\((\\d+) orders\\)$", "$1"));
    assertTrue(shown >= total, () -> "after the restart the table showed " + shown
        + " orders, before it held " + total + ":\n" + out);
  }
}
