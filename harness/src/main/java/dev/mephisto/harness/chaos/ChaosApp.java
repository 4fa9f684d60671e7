package dev.mephisto.harness.chaos;

import dev.mephisto.App;
import dev.mephisto.Stream;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.WindowedTable;
import dev.mephisto.harness.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The app every chaos worker runs, written with the public API only. Three agents read the input:
 * <ul>
 *   <li>{@code counter}: {@code groupBy(account)}, then counts each event in a table on RocksDB,
 *       one on {@code memory://} and a tumbling-window table;
 *   <li>{@code batcher}: {@code take(batchSize, batchWithin)} batches, each event of a batch sent
 *       to the output topic;
 *   <li>{@code echoer}: {@code echo} of every event to the echo topic.
 * </ul>
 * A timer answers the harness's requests for the tables' contents ({@link TableDumps}).
 */
public final class ChaosApp {
  /** The count table on RocksDB. */
  public static final String ROCKSDB_TABLE = "counts_rocksdb";
  /** The count table on memory. */
  public static final String MEMORY_TABLE = "counts_memory";
  /** The windowed count table. */
  public static final String WINDOWED_TABLE = "counts_windowed";
  /** Windows never close during a run: every event counts, whatever its arrival order. */
  static final Duration GRACE = Duration.ofDays(7);

  private ChaosApp() {}

  /**
   * @param appId the app id
   * @return the batch agent's output topic
   */
  public static String outputTopic(String appId) {
    return appId + ".output";
  }

  /**
   * @param appId the app id
   * @return the echo topic
   */
  public static String echoTopic(String appId) {
    return appId + ".echo";
  }

  /**
   * @param appId the app id
   * @return the counter's repartition topic (DESIGN §3: {@code <app>-<agent>-<name>-repartition})
   */
  public static String repartitionTopic(String appId) {
    return appId + "-counter-account-repartition";
  }

  /**
   * @param appId the app id
   * @param table a table
   * @return its changelog (DESIGN §3: {@code <app>-<table>-changelog})
   */
  public static String changelog(String appId, String table) {
    return appId + "-" + table + "-changelog";
  }

  /**
   * @param s the run's settings
   * @param w the workload's settings
   * @param index this worker
   * @return the app, not started
   */
  public static App create(WorkerSettings s, ChaosWorkload w, int index) {
    Path dir = s.workerDir(index);
    App app = s.appBuilder(dir.resolve("state")).build();
    Topic<String, ChaosEvent> input =
        app.topic(s.input(), String.class, ChaosEvent.class).withPartitions(s.partitions());
    Topic<String, ChaosEvent> output = app.topic(outputTopic(s.appId()), String.class,
        ChaosEvent.class).withPartitions(s.partitions());
    Topic<String, ChaosEvent> echo = app.topic(echoTopic(s.appId()), String.class,
        ChaosEvent.class).withPartitions(s.partitions());
    Table<String, Long> rocks =
        app.table(TableSpec.of(ROCKSDB_TABLE, String.class, Long.class).withDefault(0L));
    Table<String, Long> memory = app.table(TableSpec.of(MEMORY_TABLE, String.class, Long.class)
        .withDefault(0L).withStore("memory://"));
    WindowedTable<String, Long> windowed =
        app.windowedTable(TableSpec.of(WINDOWED_TABLE, String.class, Long.class).withDefault(0L)
            .tumbling(w.window()).grace(GRACE));
    Set<Sabotage> sabotage = w.sabotage();

    app.agent(input).name("counter").start(stream -> {
      for (ChaosEvent e : stream.groupBy(ChaosEvent::account, "account")) {
        if (!hits(sabotage, Sabotage.UNDERCOUNT_ROCKSDB, e)) {
          rocks.update(e.account(), n -> n + 1);
        }
        memory.update(e.account(), n -> n + 1);
        if (hits(sabotage, Sabotage.OVERCOUNT_MEMORY, e)) {
          memory.update(e.account(), n -> n + 1);
        }
        if (!hits(sabotage, Sabotage.LOSE_WINDOW, e)) {
          windowed.update(e.account(), n -> n + 1);
        }
      }
    });

    app.agent(input).name("batcher").start(stream -> {
      for (List<ChaosEvent> batch : stream.take(w.batchSize(), w.batchWithin())) {
        for (ChaosEvent e : batch) {
          if (!hits(sabotage, Sabotage.LOSE_OUTPUT, e)) {
            output.sendSoon(ChaosData.key(e.id()), e);
          }
          if (hits(sabotage, Sabotage.DUPLICATE_OUTPUT, e)) {
            output.sendSoon(ChaosData.key(e.id()), e);
          }
        }
      }
    });

    app.agent(input).name("echoer").start(stream -> {
      Stream<String, ChaosEvent> in = sabotage.contains(Sabotage.LOSE_ECHO)
          ? stream.filter(e -> !Sabotage.LOSE_ECHO.hits(e.id())) : stream;
      for (ChaosEvent e : in.echo(echo)) {
        if (hits(sabotage, Sabotage.DEAD_LETTER, e)) {
          throw new IllegalStateException("Sabotage: event " + e.id() + " fails on purpose");
        }
      }
    });

    TableDumps dumps = new TableDumps(s.workDir(), dir, index, rocks, memory, windowed,
        w.accounts());
    app.timer(Duration.ofMillis(250), dumps::poll);
    return app;
  }

  private static boolean hits(Set<Sabotage> sabotage, Sabotage s, ChaosEvent e) {
    return !sabotage.isEmpty() && sabotage.contains(s) && s.hits(e.id());
  }
}
