package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Topic;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.data.Order;
import dev.mephisto.bench.data.Summary;

/**
 * filter-map: orders decoded by the {@code json} codec, three of four kept, a summary sent with
 * the same key (written by {@code json}, Faust's metadata included).
 */
final class MephistoFilterMap extends MephistoRunner {
  @Override
  void declare(App app, RunContext ctx) {
    Topic<String, Order> orders = app.topic(ctx.dataset().inputTopic(), String.class, Order.class);
    Topic<String, Summary> summaries = app.topic(ctx.outputTopic(), String.class, Summary.class);
    var sent = failOnError(ctx);
    app.agent(orders).name("filter-map").start(stream -> {
      var kept = stream.peek(order -> ctx.progress().record()).filter(Order::kept);
      for (KeyValue<String, Order> kv : kept.items()) {
        summaries.send(kv.key(), kv.value().summarize(kv.key())).whenComplete(sent);
      }
    });
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records());
  }
}
