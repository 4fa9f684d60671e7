package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.TableSpec;
import dev.mephisto.Topic;
import dev.mephisto.Window;
import dev.mephisto.WindowSet;
import dev.mephisto.WindowedTable;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.data.Dataset;
import java.util.Map;
import java.util.TreeMap;

/**
 * windowed-count: a table viewed through hopping windows of 1 s every 500 ms, time taken from
 * the records (the default), each record counted in every window that holds it.
 */
final class MephistoWindowedCount extends MephistoRunner {
  private WindowedTable<String, Long> counts;

  @Override
  void declare(App app, RunContext ctx) {
    Topic<String, byte[]> input =
        app.topic(ctx.dataset().inputTopic(), String.class, byte[].class).withValueCodec("raw");
    counts =
        app.windowedTable(TableSpec.of("windowed-counts", String.class, Long.class).withDefault(0L)
        .hopping(Dataset.WINDOW_SIZE, Dataset.WINDOW_ADVANCE)
        // Kept for the whole run, as in Kafka Streams' store here, so the result can be checked
        // window by window (the default expiry, size plus grace, deletes the early windows).
        .expires(Dataset.WINDOW_RETENTION));
    app.agent(input).name("windowed-count").start(stream -> {
      for (KeyValue<String, byte[]> kv : stream.items()) {
        counts.update(kv.key(), n -> n + 1);
        ctx.progress().record();
      }
    });
  }

  @Override
  Observed result(RunContext ctx) {
    Map<Long, Long> totals = new TreeMap<>();
    for (String key : ctx.dataset().keyCounts().keySet()) {
      WindowSet<Long> set = counts.get(key);
      for (Window w : counts.windows(key)) {
        totals.merge(w.start().toEpochMilli(), set.get(w).orElse(0L), Long::sum);
      }
    }
    return Observed.records(ctx.progress().records()).withWindowTotals(totals);
  }
}
