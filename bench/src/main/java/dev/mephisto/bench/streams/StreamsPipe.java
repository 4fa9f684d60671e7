package dev.mephisto.bench.streams;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** pipe: upper-case each value and write it to the output topic. */
final class StreamsPipe extends StreamsRunner {
  @Override
  void build(StreamsBuilder builder, RunContext ctx) {
    builder.stream(ctx.dataset().inputTopic(), Consumed.with(Serdes.String(), Serdes.String()))
        .peek((k, v) -> ctx.progress().record())
        .mapValues(v -> v.toUpperCase(Locale.ROOT))
        .to(ctx.outputTopic(), Produced.with(Serdes.String(), Serdes.String()));
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records());
  }
}
