package dev.mephisto.bench.raw;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.WorkloadRunner;
import dev.mephisto.bench.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** windowed-count: count by key and hopping window of the record's timestamp. */
final class RawWindowedCount implements WorkloadRunner {
  /** A key in one window. */
  record WindowKey(String key, long start) {}

  private RawCounts<WindowKey> counts;
  private final RawLoop loop =
      new RawLoop("windowed-count") {
        @Override
        void loop(RunContext ctx) {
          Map<String, Object> props = RawClients.consumer(ctx, ctx.name("group"));
          props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
          props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
          long size = Dataset.WINDOW_SIZE.toMillis();
          long advance = Dataset.WINDOW_ADVANCE.toMillis();
          CommitClock clock = new CommitClock(ctx.commitInterval());
          try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(ctx.dataset().inputTopic()));
            while (running()) {
              ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
              for (ConsumerRecord<String, byte[]> r : batch) {
                long ts = r.timestamp();
                for (long w = ts - Math.floorMod(ts, advance); w > ts - size; w -= advance) {
                  counts.increment(new WindowKey(r.key(), w), r.partition());
                }
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
    String changelog = ctx.name("changelog");
    ctx.client().createTopic(changelog, ctx.dataset().partitions(), Map.of("cleanup.policy", "compact"));
    counts = new RawCounts<>(ctx, changelog, RawWindowedCount::encode, null);
  }

  private static byte[] encode(WindowKey k) {
    byte[] key = k.key().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(key.length + Long.BYTES).put(key).putLong(k.start()).array();
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
    Map<Long, Long> totals = new TreeMap<>();
    counts.snapshot().forEach((k, n) -> totals.merge(k.start(), n, Long::sum));
    return Observed.records(ctx.progress().records()).withWindowTotals(totals);
  }

  @Override
  public void close() {
    loop.stop();
    if (counts != null) {
      counts.close();
    }
  }
}
