package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Topic;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import java.util.Locale;

/** pipe: for each key and value, send the upper-cased value with the same key. */
final class MephistoPipe extends MephistoRunner {
  @Override
  void declare(App app, RunContext ctx) {
    Topic<String, String> input =
        app.topic(ctx.dataset().inputTopic(), String.class, String.class).withValueCodec("string");
    Topic<String, String> output =
        app.topic(ctx.outputTopic(), String.class, String.class).withValueCodec("string");
    var sent = failOnError(ctx);
    app.agent(input).name("pipe").start(stream -> {
      for (KeyValue<String, String> kv : stream.items()) {
        output.send(kv.key(), kv.value().toUpperCase(Locale.ROOT)).whenComplete(sent);
        ctx.progress().record();
      }
    });
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records());
  }
}
