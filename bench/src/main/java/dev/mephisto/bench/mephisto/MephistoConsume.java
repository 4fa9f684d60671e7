package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.Topic;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import java.util.concurrent.atomic.LongAdder;

/** consume: an agent that loops over the raw values and counts them and their bytes. */
final class MephistoConsume extends MephistoRunner {
  private final LongAdder bytes = new LongAdder();

  @Override
  void declare(App app, RunContext ctx) {
    Topic<String, byte[]> input =
        app.topic(ctx.dataset().inputTopic(), String.class, byte[].class).withValueCodec("raw");
    app.agent(input).name("consume").start(stream -> {
      for (byte[] value : stream) {
        bytes.add(value.length);
        ctx.progress().record();
      }
    });
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records()).withValueBytes(bytes.sum());
  }
}
