package dev.mephisto.bench.streams;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.data.Json;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** filter-map: parse the order, keep three of four, write a JSON summary. */
final class StreamsFilterMap extends StreamsRunner {
  @Override
  void build(StreamsBuilder builder, RunContext ctx) {
    builder.stream(ctx.dataset().inputTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .peek((k, v) -> ctx.progress().record())
        .mapValues(Json::order)
        .filter((k, order) -> order.kept())
        .mapValues((k, order) -> Json.summary(order.summarize(k)))
        .to(ctx.outputTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()));
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records());
  }
}
