package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.StoreWrite;
import dev.mephisto.store.Stores;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.TestApps;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Window time indexes on RocksDB: a store written before they existed is indexed once. */
@WithKafka
class WindowIndexIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60));
  @RegisterExtension final TestApps apps = new TestApps();

  private App worker(KafkaCluster kafka, String id, String store, List<String> closed) {
    App app = apps.kafka(kafka, id, b -> b.store(store));
    Topic<String, String> in = app.topic(id + "-events", String.class, String.class)
        .withPartitions(1);
    var views = app.windowedTable(TableSpec.of("views", String.class, Long.class).withDefault(0L)
        .tumbling(Duration.ofSeconds(10))
        .onWindowClose((k, w, n) -> closed.add(k + "@" + w.start().toEpochMilli() + "=" + n)));
    app.agent(in, s -> {
      for (KeyValue<String, String> kv : s.<String>items()) {
        views.update(kv.key(), n -> n + 1);
      }
    });
    return app;
  }

  @Test
  void aRocksDbStoreWrittenBeforeWindowIndexesClosesItsWindowsAfterAnUpgrade(KafkaCluster kafka) {
    String id = KafkaTestClient.uniqueName("win-upgrade");
    String topic = id + "-events";
    String store = apps.rocksdb("upgrade");
    List<String> closed = new CopyOnWriteArrayList<>();
    App first = worker(kafka, id, store, closed);
    first.start();
    TimedRecords.send(kafka, topic, "ann@1000", "bob@1500", "ann@2000");
    AWAIT.until("committed", () -> kafka.client().lag(id, topic) == 0);
    first.stop();

    // what an older version left: the windows and the marker, no index (keys 0xFE...)
    try (Store s = Stores.create(List.of()).open(store, new StoreSpec(id, "views", 0))) {
      List<StoreWrite> deletes = new ArrayList<>();
      try (StoreIterator it = s.all()) {
        it.forEachRemaining(e -> {
          if ((e.key()[0] & 0xFF) == 0xFE) {
            deletes.add(StoreWrite.delete(e.key()));
          }
        });
      }
      assertFalse(deletes.isEmpty(), "this version indexed the windows");
      s.putAll(deletes);
    }

    App second = worker(kafka, id, store, closed);
    second.start();
    TimedRecords.send(kafka, topic, "ann@12000");
    AWAIT.until("window 0 closed for ann and bob", () -> closed.size() == 2);
    assertEquals(Set.of("ann@0=2", "bob@0=1"), Set.copyOf(closed));
    AWAIT.until("committed", () -> kafka.client().lag(id, topic) == 0);
  }
}
