package dev.mephisto.bench.streams;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.data.Json;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * repartition: re-key by account through a repartition topic, then count. The peek after the
 * repartition counts records of the counting sub-topology (as groupBy would, made visible).
 */
final class StreamsRepartition extends StreamsRunner {
  private static final String STORE = "account-counts";

  @Override
  void build(StreamsBuilder builder, RunContext ctx) {
    builder.stream(ctx.dataset().inputTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .selectKey((k, v) -> Json.order(v).account())
        .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("by-account"))
        .peek((k, v) -> ctx.progress().record())
        .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
        .count(
            Materialized.<String, Long>as(Stores.inMemoryKeyValueStore(STORE))
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()));
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records()).withTable(StreamsCount.table(streams, STORE));
  }
}
