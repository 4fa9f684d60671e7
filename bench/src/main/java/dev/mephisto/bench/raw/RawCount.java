package dev.mephisto.bench.raw;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.WorkloadRunner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** count and count-rocksdb: count by key, changelog and store written at each commit. */
final class RawCount implements WorkloadRunner {
  private final boolean rocksdb;
  private RawCounts<String> counts;
  private final RawLoop loop =
      new RawLoop("count") {
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

  RawCount(boolean rocksdb) {
    this.rocksdb = rocksdb;
  }

  @Override
  public void prepare(RunContext ctx) throws Exception {
    String changelog = ctx.name("changelog");
    ctx.client().createTopic(changelog, ctx.dataset().partitions(), Map.of("cleanup.policy", "compact"));
    counts = new RawCounts<>(
        ctx,
        changelog,
        key -> key.getBytes(StandardCharsets.UTF_8),
        rocksdb ? new RocksBacking(ctx.stateDir().resolve("rocksdb")) : null);
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
    return Observed.records(ctx.progress().records())
        .withTable(counts.snapshot())
        .withNativeMemory(counts.nativeMemory());
  }

  @Override
  public void close() {
    loop.stop();
    if (counts != null) {
      counts.close();
    }
  }
}
