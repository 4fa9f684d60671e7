package dev.mephisto.bench.streams;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;

/** consume: a source and a foreach that counts records and value bytes. */
final class StreamsConsume extends StreamsRunner {
  private final AtomicLong bytes = new AtomicLong();

  @Override
  void build(StreamsBuilder builder, RunContext ctx) {
    builder.stream(ctx.dataset().inputTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .foreach((key, value) -> {
          bytes.addAndGet(value.length);
          ctx.progress().record();
        });
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records()).withValueBytes(bytes.get());
  }
}
