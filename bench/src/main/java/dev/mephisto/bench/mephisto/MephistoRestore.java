package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.data.DataGenerator;
import dev.mephisto.bench.data.Dataset;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.table.RestoreProgress;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.testkit.Await;
import java.time.Duration;

/**
 * restore: an app with an in-memory table whose changelog, {@code <app>-restore-store-changelog},
 * holds the restore table as Mephisto writes it (json keys and values, key-hash partitions). It
 * starts with no local state, so it restores the whole changelog before its agent resumes.
 *
 * <p>Mephisto has no public restore listener (the worker logs restore progress and rate every 2 s);
 * the count of applied records is read from the runtime's restore progress every 10 ms.
 */
final class MephistoRestore extends MephistoRunner {
  private static final long WATCH_NANOS = 10_000_000;

  private Table<String, Long> table;
  private Thread watcher;
  private volatile boolean watching = true;

  @Override
  String appId(RunContext ctx) {
    // Not the restore app of the other implementations: their changelog has another format.
    return ctx.dataset().restoreApp() + "-mephisto";
  }

  @Override
  public void prepare(RunContext ctx) {
    Dataset d = ctx.dataset();
    String changelog = appId(ctx) + "-" + Dataset.RESTORE_STORE + "-changelog";
    if (!ctx.client().topics().contains(changelog)) { // loaded once; repeated runs reuse it
      Codec json = Codecs.get("json");
      DataGenerator.loadChangelog(ctx.client(), changelog, d.partitions(), d.restoreEntries(),
          json::encode, json::encode);
    }
    ctx.client().createTopic(ctx.name("trigger"), d.partitions());
  }

  @Override
  void declare(App app, RunContext ctx) {
    Topic<String, String> trigger =
        app.topic(ctx.name("trigger"), String.class, String.class).withValueCodec("string");
    table = app.table(TableSpec.of(Dataset.RESTORE_STORE, String.class, Long.class));
    app.agent(trigger).name("restore").start(stream -> {
      for (String ignored : stream) {
        // the table is what is measured; nothing is sent here
      }
    });
  }

  @Override
  public void start(RunContext ctx) {
    super.start(ctx);
    RestoreProgress progress = ((MephistoApp) app).tableRuntime()
        .map(TableRuntime::restoreProgress).orElseThrow();
    watcher = Thread.ofPlatform().daemon().name("bench-restore-watcher").start(() -> {
      long seen = 0;
      while (watching) {
        long now = progress.restoredRecords(Dataset.RESTORE_STORE);
        ctx.progress().add(now - seen);
        seen = now;
        java.util.concurrent.locks.LockSupport.parkNanos(WATCH_NANOS);
      }
    });
  }

  @Override
  Observed result(RunContext ctx) {
    watching = false;
    long entries = ctx.dataset().restoreEntries();
    // The last batch is applied before the partitions turn active and readable.
    Await.atMost(Duration.ofSeconds(60))
        .until("the restored table is readable", () -> (long) table.size(), n -> n == entries);
    return Observed.records(ctx.progress().records()).withTable(MephistoCount.snapshot(table));
  }

  @Override
  public void close() {
    watching = false;
    super.close();
  }
}
