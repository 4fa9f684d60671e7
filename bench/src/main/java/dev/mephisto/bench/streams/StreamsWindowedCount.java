package dev.mephisto.bench.streams;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.data.Dataset;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.Stores;

/** windowed-count: hopping windows, counted into an in-memory window store. */
final class StreamsWindowedCount extends StreamsRunner {
  private static final String STORE = "windowed-counts";

  @Override
  void build(StreamsBuilder builder, RunContext ctx) {
    builder.stream(ctx.dataset().inputTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .peek((k, v) -> ctx.progress().record())
        .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
        .windowedBy(
            TimeWindows.ofSizeAndGrace(Dataset.WINDOW_SIZE, Duration.ZERO)
                .advanceBy(Dataset.WINDOW_ADVANCE))
        .count(
            Materialized.<String, Long>as(
                    Stores.inMemoryWindowStore(
                        STORE, Dataset.WINDOW_RETENTION, Dataset.WINDOW_SIZE, false))
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()));
  }

  @Override
  Observed result(RunContext ctx) {
    ReadOnlyWindowStore<String, Long> store =
        streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.windowStore()));
    Map<Long, Long> totals = new TreeMap<>();
    try (KeyValueIterator<Windowed<String>, Long> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Windowed<String>, Long> kv = all.next();
        totals.merge(kv.key.window().start(), kv.value, Long::sum);
      }
    }
    return Observed.records(ctx.progress().records()).withWindowTotals(totals);
  }
}
