package dev.mephisto.bench.raw;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.WorkloadRunner;
import dev.mephisto.bench.data.Json;
import dev.mephisto.bench.data.Order;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
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
 * pipe and filter-map: consume, transform each value (null drops it), produce; flush the producer
 * and commit every commit interval.
 */
final class RawTransform implements WorkloadRunner {
  private final BiFunction<String, byte[], byte[]> transform;
  private long records;
  private final RawLoop loop;

  private RawTransform(String name, BiFunction<String, byte[], byte[]> transform) {
    this.transform = transform;
    this.loop =
        new RawLoop(name) {
          @Override
          void loop(RunContext ctx) {
            run(ctx, this);
          }
        };
  }

  /** @return pipe: upper-cases the value, decoded and encoded as UTF-8 like a String serde */
  static RawTransform pipe() {
    return new RawTransform(
        "pipe",
        (key, value) ->
            new String(value, StandardCharsets.UTF_8)
                .toUpperCase(Locale.ROOT)
                .getBytes(StandardCharsets.UTF_8));
  }

  /** @return filter-map: parses the order, keeps three of four, writes a JSON summary */
  static RawTransform filterMap() {
    return new RawTransform(
        "filter-map",
        (key, value) -> {
          Order order = Json.order(value);
          return order.kept() ? Json.summary(order.summarize(key)) : null;
        });
  }

  private void run(RunContext ctx, RawLoop self) {
    Map<String, Object> cp = RawClients.consumer(ctx, ctx.name("group"));
    cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Map<String, Object> pp = RawClients.producer(ctx);
    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    String output = ctx.outputTopic();
    RawLoop.CommitClock clock = new RawLoop.CommitClock(ctx.commitInterval());
    Callback sent = (metadata, error) -> {
      if (error != null) {
        ctx.fail(error);
      }
    };
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp)) {
      consumer.subscribe(List.of(ctx.dataset().inputTopic()));
      while (self.running()) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(RawLoop.POLL);
        for (ConsumerRecord<String, byte[]> r : batch) {
          byte[] out = transform.apply(r.key(), r.value());
          if (out != null) {
            producer.send(new ProducerRecord<>(output, r.key(), out), sent);
          }
        }
        records += batch.count();
        ctx.progress().add(batch.count());
        if (clock.due()) {
          producer.flush();
          consumer.commitSync();
        }
      }
    }
  }

  @Override
  public void start(RunContext ctx) {
    loop.start(ctx);
  }

  @Override
  public List<String> groups(RunContext ctx) {
    return List.of(ctx.name("group"));
  }

  @Override
  public Observed observe(RunContext ctx) {
    loop.stop();
    return Observed.records(records);
  }

  @Override
  public void close() {
    loop.stop();
  }
}
