package dev.mephisto.bench.raw;

import dev.mephisto.bench.ProducerProfile;
import dev.mephisto.bench.RunContext;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client settings of the raw loops: Kafka defaults, with Kafka Streams' few overrides; the producer
 * as {@link ProducerProfile} says.
 */
final class RawClients {
  private RawClients() {}

  static Map<String, Object> consumer(RunContext ctx, String group) {
    Map<String, Object> p = ctx.consumerProperties(group);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RawLoop.MAX_POLL_RECORDS);
    return p;
  }

  static Map<String, Object> producer(RunContext ctx) {
    Map<String, Object> p = ctx.producerProperties();
    switch (ctx.producerProfile()) {
      case BENCH -> p.put(ProducerConfig.LINGER_MS_CONFIG, 100); // as Kafka Streams sets it
      case EQUAL -> p.put(ProducerConfig.LINGER_MS_CONFIG, ProducerProfile.EQUAL_LINGER_MS);
      case DEFAULTS -> { } // kafka-clients' defaults
    }
    return p;
  }
}
