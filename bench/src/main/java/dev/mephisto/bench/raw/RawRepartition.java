package dev.mephisto.bench.raw;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.WorkloadRunner;
import dev.mephisto.bench.data.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * repartition: one loop re-keys each order by its account into a repartition topic, a second
 * loop counts per account. Progress counts records of the second loop.
 */
final class RawRepartition implements WorkloadRunner {
  private String repartition;
  private RawCounts<String> counts;

  private final RawLoop rekey =
      new RawLoop("repartition-rekey") {
        @Override
        void loop(RunContext ctx) {
          Map<String, Object> cp = RawClients.consumer(ctx, ctx.name("rekey"));
          cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
          cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
          Map<String, Object> pp = RawClients.producer(ctx);
          pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
          pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
          Callback sent = (m, e) -> {
            if (e != null) {
              ctx.fail(e);
            }
          };
          CommitClock clock = new CommitClock(ctx.commitInterval());
          try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp);
              KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp)) {
            consumer.subscribe(List.of(ctx.dataset().inputTopic()));
            while (running()) {
              for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                String account = Json.order(r.value()).account();
                producer.send(new ProducerRecord<>(repartition, account, r.value()), sent);
              }
              if (clock.due()) {
                producer.flush();
                consumer.commitSync();
              }
            }
          }
        }
      };

  private final RawLoop count =
      new RawLoop("repartition-count") {
        @Override
        void loop(RunContext ctx) {
          Map<String, Object> cp = RawClients.consumer(ctx, ctx.name("count"));
          cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
          cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
          CommitClock clock = new CommitClock(ctx.commitInterval());
          try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp)) {
            consumer.subscribe(List.of(repartition));
            while (running()) {
              ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
              for (ConsumerRecord<String, byte[]> r : batch) {
                counts.increment(r.key(), r.partition());
              }
              ctx.progress().add(batch.count());
              if (clock.due()) {
                counts.flush();
                consumer.commitSync();
              }
            }
          }
        }
      };

  @Override
  public void prepare(RunContext ctx) {
    int partitions = ctx.dataset().partitions();
    repartition = ctx.name("repartition");
    ctx.client().createTopic(repartition, partitions);
    String changelog = ctx.name("changelog");
    ctx.client().createTopic(changelog, partitions, Map.of("cleanup.policy", "compact"));
    counts = new RawCounts<>(ctx, changelog, k -> k.getBytes(StandardCharsets.UTF_8), null);
  }

  @Override
  public void start(RunContext ctx) {
    count.start(ctx);
    rekey.start(ctx);
  }

  @Override
  public List<String> groups(RunContext ctx) {
    return List.of(ctx.name("rekey"), ctx.name("count"));
  }

  @Override
  public Observed observe(RunContext ctx) {
    rekey.stop();
    count.stop();
    return Observed.records(ctx.progress().records()).withTable(counts.snapshot());
  }

  @Override
  public void close() {
    rekey.stop();
    count.stop();
    if (counts != null) {
      counts.close();
    }
  }
}
