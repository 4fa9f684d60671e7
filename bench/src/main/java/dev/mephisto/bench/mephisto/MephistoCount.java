package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import java.util.HashMap;
import java.util.Map;

/**
 * count and count-rocksdb: {@code counts.update(key, n -> n + 1)} for each key of the input, in a
 * changelog-backed table kept in {@code memory://} or {@code rocksdb://}.
 */
final class MephistoCount extends MephistoRunner {
  static final String TABLE = "counts";

  private final boolean rocksdb;
  private Table<String, Long> counts;

  MephistoCount(boolean rocksdb) {
    this.rocksdb = rocksdb;
  }

  @Override
  AppBuilder builder(RunContext ctx) {
    AppBuilder b = super.builder(ctx);
    return rocksdb ? b.store("rocksdb://" + ctx.stateDir().resolve("rocksdb").toAbsolutePath()) : b;
  }

  @Override
  void declare(App app, RunContext ctx) {
    Topic<String, byte[]> input =
        app.topic(ctx.dataset().inputTopic(), String.class, byte[].class).withValueCodec("raw");
    counts = app.table(TABLE, String.class, Long.class, 0L);
    app.agent(input).name(rocksdb ? "count-rocksdb" : "count").start(stream -> {
      for (KeyValue<String, byte[]> kv : stream.items()) {
        counts.update(kv.key(), n -> n + 1);
        ctx.progress().record();
      }
    });
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records()).withTable(snapshot(counts));
  }

  /**
   * @param table a table of counts
   * @return its entries on this worker
   */
  static Map<String, Long> snapshot(Table<String, Long> table) {
    Map<String, Long> out = new HashMap<>();
    for (KeyValue<String, Long> kv : table.items()) {
      out.put(kv.key(), kv.value());
    }
    return out;
  }
}
