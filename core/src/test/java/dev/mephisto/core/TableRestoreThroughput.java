package dev.mephisto.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mephisto.App;
import dev.mephisto.TableSpec;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.table.RestoreProgress;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.testkit.EmbeddedKafka;
import dev.mephisto.testkit.KafkaTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A rough harness, not a test: restores a table from a changelog of N records (default 1 000 000,
 * 100 000 distinct keys, 4 partitions) on the embedded broker into a memory and a RocksDB store,
 * and prints records per second of the restore itself (from the restorer's progress) and of the
 * whole start (group join included). Run from the project root:
 *
 * <pre>
 * ./mvnw -q -B -pl core -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp core/target/test-classes:core/target/classes:$(cat core/target/cp.txt) \
 *     dev.mephisto.core.TableRestoreThroughput [records]
 * </pre>
 */
public final class TableRestoreThroughput {
  private TableRestoreThroughput() {}

  /** @param args optional record count */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
      String id = KafkaTestClient.uniqueName("restore-bench");
      String changelog = id + "-counts-changelog";
      kafka.client().createTopic(changelog, 4, Map.of("cleanup.policy", "compact"));
      long t0 = System.nanoTime();
      List<ProducerRecord<byte[], byte[]>> chunk = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] key = ("\"account-" + (i % 100_000) + "\"").getBytes(UTF_8);
        chunk.add(new ProducerRecord<>(changelog, key, Long.toString(i / 100_000 + 1L).getBytes(UTF_8)));
        if (chunk.size() == 50_000 || i == n - 1) {
          kafka.client().send(chunk);
          chunk = new ArrayList<>();
        }
      }
      System.out.printf("wrote %d changelog records in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
      Path base = Files.createTempDirectory("mephisto-restore");
      for (int round = 1; round <= 2; round++) {
        System.out.println("round " + round + (round == 1 ? " (warm-up)" : ""));
        for (String store : List.of("memory://", "rocksdb://" + base.resolve("r" + round).toAbsolutePath())) {
          run(kafka, id, store, n);
        }
      }
    }
  }

  private static void run(EmbeddedKafka kafka, String id, String store, int n) {
    App app = App.builder(id).broker("kafka://" + kafka.bootstrapServers()).store(store)
        .web("127.0.0.1", 0).environment(Map.of()).build();
    app.table(TableSpec.of("counts", String.class, Long.class).withPartitions(4).withDefault(0L));
    long t0 = System.nanoTime();
    app.start();
    TableRuntime tables = ((MephistoApp) app).tableRuntime().orElseThrow();
    // the first assignment is counted once its restore is done
    ((MephistoApp) app).conductor().orElseThrow().awaitAssignment(Duration.ofMinutes(10));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    RestoreProgress.TableRestore r = tables.restoreProgress().snapshot().get(0);
    System.out.printf("  %-60s restored %d records: %,.0f records/s (restore), %d ms start to ready%n",
        store, r.recordsDone(), r.recordsPerSecond(), ms);
    app.stop();
  }
}
