package dev.mephisto.bench.raw;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.WorkloadRunner;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** consume: poll and count records and value bytes. */
final class RawConsume implements WorkloadRunner {
  private long records;
  private long bytes;
  private final RawLoop loop =
      new RawLoop("consume") {
        @Override
        void loop(RunContext ctx) {
          Map<String, Object> props = RawClients.consumer(ctx, ctx.name("group"));
          props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
          props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
          CommitClock clock = new CommitClock(ctx.commitInterval());
          try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(ctx.dataset().inputTopic()));
            while (running()) {
              ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
              for (ConsumerRecord<String, byte[]> r : batch) {
                bytes += r.value().length;
              }
              records += batch.count();
              ctx.progress().add(batch.count());
              if (clock.due()) {
                consumer.commitSync();
              }
            }
          }
        }
      };

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
    return Observed.records(records).withValueBytes(bytes);
  }

  @Override
  public void close() {
    loop.stop();
  }
}
