package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.LifecycleListener;
import dev.mephisto.RestoreProgress;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.WorkerListener;
import dev.mephisto.core.internal.state.ForwardingStore;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.memory.internal.MemoryStore;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restores run on the state-updater thread: a restore that lasts far longer than {@code
 * max.poll.interval.ms} does not cost the worker its group membership, the partitions it serves
 * wait, and the worker's other partitions keep running meanwhile.
 */
@WithKafka
class RestoreOffPollThreadIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90));
  private static final int MAX_POLL_INTERVAL_MS = 1000;
  @RegisterExtension final TestApps apps = new TestApps();

  /** {@code gated://}: memory stores whose changelog restore waits while the gate is closed. */
  static final class GatedStoreProvider implements StoreProvider {
    volatile CountDownLatch gate = new CountDownLatch(0);
    final AtomicLong restoreBatchesWaiting = new AtomicLong();

    @Override
    public String scheme() {
      return "gated";
    }

    @Override
    public Store open(URI uri, StoreSpec spec) {
      return new ForwardingStore(new MemoryStore(spec)) {
        @Override
        public void applyChangelog(List<ChangelogRecord> batch) {
          CountDownLatch g = gate;
          restoreBatchesWaiting.incrementAndGet();
          try {
            if (!g.await(2, TimeUnit.MINUTES)) {
              throw new IllegalStateException("gate never opened");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          } finally {
            restoreBatchesWaiting.decrementAndGet();
          }
          super.applyChangelog(batch);
        }
      };
    }
  }

  record Worker(App app, Table<String, Long> counts, Set<String> counted, Set<String> other,
      List<String> calls, List<RestoreProgress> progress) {
    long total() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private Worker worker(KafkaCluster kafka, String id, GatedStoreProvider stores) {
    List<RestoreProgress> progress = new CopyOnWriteArrayList<>();
    App app = apps.kafka(kafka, id, b -> b.topicPartitions(4)
        .commitInterval(Duration.ofMillis(200))
        .store("gated://").storeProvider(stores)
        .tableCacheMaxBytes(0) // every update in the changelog: a long one to restore
        .kafka("max.poll.interval.ms", Integer.toString(MAX_POLL_INTERVAL_MS))
        .listener(new LifecycleListener() {
          @Override
          public void onRestoreProgress(RestoreProgress p) {
            progress.add(p);
          }
        }));
    Topic<String, String> in = app.topic(id + "-in", String.class, String.class);
    Topic<String, String> side = app.topic(id + "-side", String.class, String.class)
        .withPartitions(3);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    Set<String> counted = ConcurrentHashMap.newKeySet();
    Set<String> other = ConcurrentHashMap.newKeySet();
    app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.items()) {
        counts.update(kv.key(), n -> n + 1);
        counted.add(kv.value());
      }
    });
    app.agent(side, s -> s.forEach(other::add));
    List<String> calls = new CopyOnWriteArrayList<>();
    ((MephistoApp) app).workerListener(new WorkerListener() {
      @Override
      public void onAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          calls.add("assigned " + partitions.size());
        }
      }

      @Override
      public void onRevoked(Collection<TopicPartition> partitions) {
        calls.add("revoked " + partitions);
      }
    });
    app.start();
    return new Worker(app, counts, counted, other, calls, progress);
  }

  private static List<KeyValue<String, String>> events(String prefix, int from, int to) {
    List<KeyValue<String, String>> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(KeyValue.of("k" + (i % 50), prefix + i));
    }
    return l;
  }

  @Test
  void aRestoreLongerThanMaxPollIntervalKeepsTheWorkerInTheGroupAndOtherPartitionsRunning(
      KafkaCluster kafka) throws Exception {
    String id = KafkaTestClient.uniqueName("restore-async");
    GatedStoreProvider stores = new GatedStoreProvider();
    Worker first = worker(kafka, id, stores);
    kafka.client().produceStrings(id + "-in", events("e", 0, 5000));
    AWAIT.until("5000 events counted", () -> first.total() == 5000);
    first.app().stop();

    CountDownLatch gate = new CountDownLatch(1);
    stores.gate = gate;
    Worker second = worker(kafka, id, stores);
    AWAIT.until("the restore is under way and held", () -> stores.restoreBatchesWaiting.get() > 0);
    long heldSince = System.nanoTime();
    kafka.client().produceStrings(id + "-side", events("s", 0, 300));
    kafka.client().produceStrings(id + "-in", events("e", 5000, 6000));
    AWAIT.until("the other partitions are processed while the restore waits",
        () -> second.other().size() == 300);
    // hold the restore for several max.poll.interval.ms: a restore in the rebalance callback
    // would get the worker evicted from the group (and its partitions revoked) by now
    AWAIT.until("the restore was held for 4 poll intervals", () -> System.nanoTime() - heldSince
        > TimeUnit.MILLISECONDS.toNanos(4L * MAX_POLL_INTERVAL_MS));
    assertEquals(0, second.counted().size(), "the table's source partitions wait for the restore");
    kafka.client().produceStrings(id + "-side", events("s", 300, 600));
    AWAIT.until("the worker still processes its other partitions",
        () -> second.other().size() == 600);
    gate.countDown();

    AWAIT.until("the 1000 new events counted", () -> second.counted().size() == 1000);
    AWAIT.until("totals are right: restored 5000 plus 1000 new", () -> second.total() == 6000);
    assertEquals(List.of("assigned " + (4 + 3 + 1)), second.calls(),
        "one assignment, no revocation: the worker never left the group");
    assertTrue(second.progress().stream().anyMatch(p -> p.table().equals("counts") && p.done()),
        () -> "restore progress reported through LifecycleListener: " + second.progress());
    assertTrue(second.progress().stream().anyMatch(p -> !p.done()),
        "progress reported before the end too");
  }
}
