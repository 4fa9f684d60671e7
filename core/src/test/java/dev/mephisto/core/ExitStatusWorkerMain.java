package dev.mephisto.core;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.memory.MemoryStoreProvider;
import dev.mephisto.store.rocksdb.RocksDbConfigurer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * A worker process for {@link WorkerExitStatusIT}: {@code app.main("worker")} with one of these
 * setups (args: mode, bootstrap servers, app id, topic, output file):
 *
 * <ul>
 *   <li>{@code plain}: appends every value to the output file;
 *   <li>{@code rocksdb-fails}: a table on RocksDB whose configurer fails when a partition opens
 *       (options that pass {@code build()} and fail at open);
 *   <li>{@code slow-restore}: a table whose store takes 300 ms per restored batch.
 * </ul>
 */
public final class ExitStatusWorkerMain {
  private ExitStatusWorkerMain() {}

  /** A configurer that fails when a store opens. */
  public static final class FailingConfigurer implements RocksDbConfigurer {
    /** For ServiceLoader-less instantiation by the store URL. */
    public FailingConfigurer() {}

    @Override
    public void configure(StoreSpec spec, DBOptions db, ColumnFamilyOptions columnFamily) {
      throw new IllegalArgumentException("option 'max_open_files=-5' refused by this RocksDB build");
    }
  }

  /** Stores of scheme {@code slow}: memory stores that take 300 ms per restored batch. */
  static final class SlowStores implements StoreProvider {
    private final MemoryStoreProvider memory = new MemoryStoreProvider();

    @Override
    public String scheme() {
      return "slow";
    }

    @Override
    public Store open(URI uri, StoreSpec spec) {
      Store inner = memory.open(URI.create("memory://?"), spec);
      return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
          (proxy, method, args) -> {
            if (method.getName().equals("applyChangelog")) {
              Thread.sleep(300);
            }
            try {
              return method.invoke(inner, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  /**
   * @param args mode, bootstrap servers, app id, topic, output file
   */
  public static void main(String[] args) {
    String mode = args[0];
    Path out = Path.of(args[4]);
    AppBuilder b = App.builder(args[2]).broker("kafka://" + args[1]).valueCodec("string")
        .commitInterval(Duration.ofMillis(500)).tableStandbyReplicas(0).web("127.0.0.1", 0)
        .environment(Map.of());
    if (mode.equals("slow-restore")) {
      b.storeProvider(new SlowStores());
    }
    App app = b.build();
    Topic<String, String> in = app.topic(args[3], String.class, String.class);
    Table<String, Long> counts = switch (mode) {
      case "rocksdb-fails" -> app.table(TableSpec.of("counts", String.class, Long.class)
          .withDefault(0L).withStore("rocksdb://" + out.getParent().resolve("state")
              + "?configurer=" + FailingConfigurer.class.getName()));
      case "slow-restore" -> app.table(TableSpec.of("counts", String.class, Long.class)
          .withDefault(0L).withStore("slow://"));
      default -> null;
    };
    app.agent(in, s -> {
      for (String v : s) {
        if (counts != null) {
          counts.update(v, n -> n + 1);
        }
        try {
          Files.writeString(out, v + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
    app.main("worker");
  }
}
