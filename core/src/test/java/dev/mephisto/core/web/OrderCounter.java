package dev.mephisto.core.web;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.testkit.KafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The app the web tests run as two workers: orders counted per key into table {@code counts}
 * (an order {@code "boom"} fails and is dead-lettered), and a table {@code by_number} with Long
 * keys.
 */
final class OrderCounter {
  private OrderCounter() {}

  /**
   * Starts one worker on a free web port.
   *
   * @param kafka the broker
   * @param id the app id (topic {@code <id>-orders}, 4 partitions)
   * @param apps where the worker is kept, to be stopped after the test
   * @return the started worker
   */
  static App start(KafkaCluster kafka, String id, List<App> apps) {
    App app = App.builder(id).broker("kafka://" + kafka.bootstrapServers()).valueCodec("string")
        .topicPartitions(4).commitInterval(Duration.ofMillis(200)).web("127.0.0.1", 0)
        .environment(Map.of()).build();
    apps.add(app);
    Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class);
    Table<String, Long> counts = app.table("counts", String.class, Long.class, 0L);
    app.table("by_number", Long.class, String.class, "");
    app.agent(orders).name("order-counter").start(s -> {
      for (KeyValue<String, String> kv : s.<String>items()) {
        if (kv.value().equals("boom")) {
          throw new IllegalArgumentException("an order that cannot be counted");
        }
        counts.update(kv.key(), n -> n + 1);
      }
    });
    app.start();
    return app;
  }

  /**
   * @param app a started worker
   * @return the address of its web server, as other workers know it
   */
  static String address(App app) {
    return "127.0.0.1:" + ((MephistoApp) app).web().port();
  }

  /**
   * @param apps the workers
   * @return true once every worker holds partitions
   */
  static boolean allAssigned(List<App> apps) {
    return apps.stream().allMatch(x ->
        !((MephistoApp) x).conductor().orElseThrow().assignment().isEmpty());
  }

  /**
   * @param app a worker
   * @param topic the orders topic
   * @param partitions its partition count
   * @param keys candidate keys
   * @return the first key whose partition (by the producer's hash) the worker holds
   */
  static String keyHeldBy(App app, String topic, int partitions, List<String> keys) {
    var held = ((MephistoApp) app).conductor().orElseThrow().assignment().stream()
        .filter(tp -> tp.topic().equals(topic)).map(tp -> tp.partition()).toList();
    for (String k : keys) {
      int p = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils
          .murmur2(k.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
      if (held.contains(p)) {
        return k;
      }
    }
    throw new AssertionError("worker holds partitions " + held + " of none of " + keys);
  }
}
