package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * count and count-rocksdb: {@code counts.update(key, n -> n + 1)} for each key of the input, in a
 * changelog-backed table kept in {@code memory://} or {@code rocksdb://}.
 */
final class MephistoCount extends MephistoRunner {
  static final String TABLE = "counts";

  private final boolean rocksdb;
  /** Mephisto's store memory gauges land here (count-rocksdb), read once the run is done. */
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private Table<String, Long> counts;

  MephistoCount(boolean rocksdb) {
    this.rocksdb = rocksdb;
  }

  @Override
  AppBuilder builder(RunContext ctx) {
    AppBuilder b = super.builder(ctx);
    return rocksdb
        ? b.store("rocksdb://" + ctx.stateDir().resolve("rocksdb").toAbsolutePath()).meterRegistry(meters)
        : b;
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
    Observed o = Observed.records(ctx.progress().records()).withTable(snapshot(counts));
    return rocksdb ? o.withNativeMemory(rocksDbMemory()) : o;
  }

  /**
   * @return Mephisto's RocksDB memory gauges under the names Kafka Streams' metrics use, so the
   *     memory table compares like with like (memtables and table readers of the table, the block
   *     cache once)
   */
  private Map<String, Long> rocksDbMemory() {
    Map<String, Long> out = new LinkedHashMap<>();
    gauge("mephisto.store.memtables.bytes", "size-all-mem-tables", out);
    gauge("mephisto.store.table.readers.bytes", "estimate-table-readers-mem", out);
    gauge("mephisto.store.block.cache.bytes", "block-cache-usage", out);
    return out;
  }

  private void gauge(String meter, String as, Map<String, Long> out) {
    double sum = meters.find(meter).gauges().stream().mapToDouble(Gauge::value)
        .filter(v -> !Double.isNaN(v)).sum();
    if (!meters.find(meter).gauges().isEmpty()) {
      out.put(as, (long) sum);
    }
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
