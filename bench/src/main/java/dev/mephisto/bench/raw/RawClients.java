package dev.mephisto.bench.raw;

import dev.mephisto.bench.RunContext;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Client settings of the raw loops: Kafka defaults, with Kafka Streams' few overrides. */
final class RawClients {
  private RawClients() {}

  static Map<String, Object> consumer(RunContext ctx, String group) {
    Map<String, Object> p = ctx.consumerProperties(group);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RawLoop.MAX_POLL_RECORDS);
    return p;
  }

  static Map<String, Object> producer(RunContext ctx) {
    Map<String, Object> p = ctx.producerProperties();
    p.put(ProducerConfig.LINGER_MS_CONFIG, 100); // as Kafka Streams sets it
    return p;
  }
}
