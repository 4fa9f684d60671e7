package dev.mephisto.harness.scale;

import dev.mephisto.App;
import dev.mephisto.Event;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.harness.WorkerSettings;

/**
 * The app every scale worker runs, written with the public API only: one agent counts each event
 * per account in a RocksDB table (co-partitioned with the keyed input: a stateful partition) and
 * writes a {@link ScaleMark} — input partition, offset, time processed — to the marks topic.
 */
public final class ScaleApp {
  /** The count table. */
  public static final String TABLE = "counts";
  /** worker.properties key: the table's standby replicas. */
  public static final String STANDBY_REPLICAS = "scale.standbyReplicas";
  /** worker.properties key: whether workers use static membership. */
  public static final String STATIC_MEMBERSHIP = "scale.staticMembership";

  private ScaleApp() {}

  /**
   * @param appId the app id
   * @return the marks topic
   */
  public static String marksTopic(String appId) {
    return appId + ".marks";
  }

  /**
   * @param s the run's settings
   * @param p the run's worker.properties (standby replicas, static membership)
   * @param index this worker
   * @return the app, not started
   */
  public static App create(WorkerSettings s, java.util.Properties p, int index) {
    var b = s.appBuilder(s.workerDir(index).resolve("state"))
        .tableStandbyReplicas(Integer.parseInt(p.getProperty(STANDBY_REPLICAS, "1")));
    if (Boolean.parseBoolean(p.getProperty(STATIC_MEMBERSHIP, "false"))) {
      b.groupInstanceId(s.appId() + "-worker-" + index); // a restarted worker keeps its index
    }
    App app = b.build();
    Topic<String, ScaleEvent> input =
        app.topic(s.input(), String.class, ScaleEvent.class).withPartitions(s.partitions());
    Topic<String, ScaleMark> marks = app.topic(marksTopic(s.appId()), String.class,
        ScaleMark.class).withPartitions(s.partitions());
    Table<String, Long> counts =
        app.table(TableSpec.of(TABLE, String.class, Long.class).withDefault(0L));
    app.agent(input).name("scale").start(stream -> {
      for (Event<String, ScaleEvent> e : stream.<String>events()) {
        long n = counts.update(e.key(), c -> c + 1);
        marks.sendSoon(e.key(),
            new ScaleMark(e.partition(), e.offset(), index, System.currentTimeMillis(), n));
      }
    });
    return app;
  }
}
