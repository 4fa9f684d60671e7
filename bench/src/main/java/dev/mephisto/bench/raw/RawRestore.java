package dev.mephisto.bench.raw;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.WorkloadRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** restore: read the changelog from its start to its end offsets into a HashMap. */
final class RawRestore implements WorkloadRunner {
  private final Map<String, Long> table = new HashMap<>();
  private final RawLoop loop =
      new RawLoop("restore") {
        @Override
        void loop(RunContext ctx) {
          Map<String, Object> props = RawClients.consumer(ctx, "unused");
          props.remove(ConsumerConfig.GROUP_ID_CONFIG);
          props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
          props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
          String topic = ctx.dataset().restoreTopic();
          try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < ctx.dataset().partitions(); p++) {
              partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running() && !caughtUp(consumer, end)) {
              ConsumerRecords<String, Long> batch = consumer.poll(POLL);
              for (ConsumerRecord<String, Long> r : batch) {
                if (r.value() == null) {
                  table.remove(r.key());
                } else {
                  table.put(r.key(), r.value());
                }
              }
              ctx.progress().add(batch.count());
            }
          }
        }
      };

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void start(RunContext ctx) {
    loop.start(ctx);
  }

  @Override
  public Observed observe(RunContext ctx) {
    loop.stop();
    return Observed.records(ctx.progress().records()).withTable(table);
  }

  @Override
  public void close() {
    loop.stop();
  }
}
