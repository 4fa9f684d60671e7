package dev.mephisto.bench.streams;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** count and count-rocksdb: groupByKey().count() into an in-memory or a RocksDB store. */
final class StreamsCount extends StreamsRunner {
  static final String STORE = "counts";

  private final boolean rocksdb;

  StreamsCount(boolean rocksdb) {
    this.rocksdb = rocksdb;
  }

  @Override
  void build(StreamsBuilder builder, RunContext ctx) {
    Materialized<String, Long, KeyValueStore<Bytes, byte[]>> store =
        rocksdb
            ? Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE)
            : Materialized.<String, Long>as(Stores.inMemoryKeyValueStore(STORE));
    builder.stream(ctx.dataset().inputTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .peek((k, v) -> ctx.progress().record())
        .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
        .count(store.withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
  }

  @Override
  Observed result(RunContext ctx) {
    Observed o = Observed.records(ctx.progress().records()).withTable(table(streams, STORE));
    return rocksdb ? o.withNativeMemory(rocksDbMemory()) : o;
  }

  static Map<String, Long> table(org.apache.kafka.streams.KafkaStreams streams, String name) {
    ReadOnlyKeyValueStore<String, Long> store =
        streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    Map<String, Long> out = new HashMap<>();
    try (KeyValueIterator<String, Long> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> kv = all.next();
        out.put(kv.key, kv.value);
      }
    }
    return out;
  }
}
