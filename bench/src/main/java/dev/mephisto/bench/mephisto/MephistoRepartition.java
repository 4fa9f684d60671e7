package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.data.Order;

/**
 * repartition: orders regrouped by account ({@code stream.groupBy}, through the repartition topic
 * {@code <app>-<agent>-account-repartition}), then counted per account in a table. Progress
 * counts records read back from the repartition topic.
 */
final class MephistoRepartition extends MephistoRunner {
  private Table<String, Long> counts;

  @Override
  void declare(App app, RunContext ctx) {
    Topic<String, Order> orders = app.topic(ctx.dataset().inputTopic(), String.class, Order.class);
    counts = app.table("account-counts", String.class, Long.class, 0L);
    app.agent(orders).name("repartition").start(stream -> {
      for (Order order : stream.groupBy(Order::account, "account")) {
        counts.update(order.account(), n -> n + 1);
        ctx.progress().record();
      }
    });
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records()).withTable(MephistoCount.snapshot(counts));
  }
}
