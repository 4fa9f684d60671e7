package dev.mephisto.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.bench.data.DataGenerator;
import dev.mephisto.bench.data.Dataset;
import dev.mephisto.testkit.BootstrapServers;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observer that ends every timed run: it sees a result durable only once every input partition
 * is committed at its end, intermediate topics are committed to their end, and the output holds
 * every record.
 */
@WithKafka
class DurabilityObserverIT {

  @Test
  void durableOnlyWhenEveryInputPartitionIsCommittedAtItsEnd(
      @BootstrapServers String bootstrap, @TempDir Path dir) throws Exception {
    try (KafkaTestClient client = KafkaTestClient.connect(bootstrap)) {
      RunContext ctx = context(client, dir, Workload.COUNT);
      Map<TopicPartition, Long> ends = client.endOffsets(ctx.dataset().inputTopic());
      DurabilityObserver observer = new DurabilityObserver(ctx, List.of(ctx.name("group")), 0, 0);

      assertFalse(observer.durable(), observer.lastState());
      assertTrue(observer.lastState().contains("committed nothing"), observer.lastState());

      Map<TopicPartition, Long> allButOne = new HashMap<>(ends);
      TopicPartition last = ends.keySet().stream().max((a, b) -> a.partition() - b.partition()).orElseThrow();
      allButOne.put(last, ends.get(last) - 1);
      commit(client, ctx.name("group"), allButOne);
      assertFalse(observer.durable(), observer.lastState());
      assertTrue(observer.lastState().contains(last.toString()), observer.lastState());

      commit(client, ctx.name("group"), ends);
      assertTrue(observer.durable(), observer.lastState());
    }
  }

  @Test
  void secondStageAndOutputMustBeDoneToo(@BootstrapServers String bootstrap, @TempDir Path dir)
      throws Exception {
    try (KafkaTestClient client = KafkaTestClient.connect(bootstrap)) {
      RunContext ctx = context(client, dir, Workload.PIPE);
      long records = ctx.dataset().records();
      String intermediate = ctx.name("repartition");
      client.createTopic(intermediate, 1);
      client.createTopic(ctx.outputTopic(), 1);
      DurabilityObserver observer = new DurabilityObserver(
          ctx, List.of(ctx.name("rekey"), ctx.name("count")), records, records);
      commit(client, ctx.name("rekey"), client.endOffsets(ctx.dataset().inputTopic()));
      commit(client, ctx.name("count"), client.endOffsets(ctx.dataset().inputTopic()));
      assertFalse(observer.durable(), observer.lastState());
      assertTrue(observer.lastState().contains("intermediate"), observer.lastState());

      produce(client, intermediate, records);
      commit(client, ctx.name("count"), Map.of(new TopicPartition(intermediate, 0), records - 1));
      assertFalse(observer.durable(), observer.lastState());
      commit(client, ctx.name("count"), Map.of(new TopicPartition(intermediate, 0), records));
      assertFalse(observer.durable(), observer.lastState());
      assertTrue(observer.lastState().contains("output"), observer.lastState());

      produce(client, ctx.outputTopic(), records);
      assertTrue(observer.durable(), observer.lastState());
      assertEquals(0, observer.changelogRecords());
      client.createTopic(ctx.name("app-counts-changelog"), 1);
      produce(client, ctx.name("app-counts-changelog"), 3);
      assertEquals(3, observer.changelogRecords());
    }
  }

  private static RunContext context(KafkaTestClient client, Path dir, Workload workload) {
    String id = KafkaTestClient.uniqueName("observer");
    Dataset d = DataGenerator.load(client, id + "-input", 2, 50, id + "-restore", 10, n -> {});
    return new RunContext(id, workload, d, client, dir, Duration.ofMillis(200));
  }

  private static void commit(KafkaTestClient client, String group, Map<TopicPartition, Long> offsets)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
    offsets.forEach((tp, o) -> m.put(tp, new OffsetAndMetadata(o)));
    client.admin().alterConsumerGroupOffsets(group, m).all().get();
  }

  private static void produce(KafkaTestClient client, String topic, long n) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(new ProducerRecord<>(topic, 0, new byte[] {(byte) i}, new byte[] {(byte) i}));
    }
    client.send(records);
  }
}
