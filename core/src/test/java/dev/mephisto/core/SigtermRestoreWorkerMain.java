package dev.mephisto.core;

import dev.mephisto.App;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.state.ForwardingStore;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.memory.internal.MemoryStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A worker process for {@link SigtermIT} whose table restores slowly ({@code slow://}: a memory
 * store that takes 200 ms per changelog batch), so that a SIGTERM arrives during the restore.
 */
public final class SigtermRestoreWorkerMain {
  private SigtermRestoreWorkerMain() {}

  /** {@code slow://}: memory stores slow to apply changelog batches. */
  static final class SlowRestoreStores implements StoreProvider {
    @Override
    public String scheme() {
      return "slow";
    }

    @Override
    public Store open(URI uri, StoreSpec spec) {
      return new ForwardingStore(new MemoryStore(spec)) {
        @Override
        public void applyChangelog(List<ChangelogRecord> batch) {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          super.applyChangelog(batch);
        }
      };
    }
  }

  /**
   * @param args bootstrap servers, app id, topic
   */
  public static void main(String[] args) {
    App app = App.builder(args[1]).broker("kafka://" + args[0]).valueCodec("string")
        .storeProvider(new SlowRestoreStores()).store("slow://")
        .web("127.0.0.1", 0).environment(Map.of()).build();
    Topic<String, String> in = app.topic(args[2], String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.agent(in, s -> s.forEach(v -> counts.update(v, n -> n + 1)));
    app.main("worker");
  }
}
