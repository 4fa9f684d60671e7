package dev.mephisto.harness.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads topics from outside the app, with no consumer group. */
public final class TopicReader {
  private static final Duration POLL = Duration.ofMillis(200);

  private TopicReader() {}

  /**
   * Reads every record of a topic from its beginning up to its end as of the call (for
   * {@code read_committed}, the last stable offset: records of open transactions are not read;
   * records of aborted ones are skipped).
   *
   * @param broker the cluster
   * @param topic the topic
   * @param readCommitted isolation
   * @param timeout the longest the read may take
   * @param handler gets every record
   * @return how many records were read
   */
  public static long readAll(Broker broker, String topic, boolean readCommitted, Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(broker.consumerProps(null, readCommitted))) {
      List<TopicPartition> tps = partitions(c, topic);
      c.assign(tps);
      c.seekToBeginning(tps);
      return drain(c, tps, c.endOffsets(tps), timeout, Long.MAX_VALUE, topic, handler);
    }
  }

  /**
   * Counts the records a {@code read_committed} reader still sees after the given offsets: the
   * exact lag of a group on transactional topics, where end offsets count transaction markers
   * and aborted records.
   *
   * @param broker the cluster
   * @param from per partition, where the group stands
   * @param cap stop counting after this many
   * @param timeout the longest it may take
   * @return visible records after {@code from}, at most {@code cap}
   */
  public static long visibleAfter(Broker broker, Map<TopicPartition, Long> from, long cap,
      Duration timeout) {
    if (from.isEmpty()) {
      return 0;
    }
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(broker.consumerProps(null, true))) {
      List<TopicPartition> tps = new ArrayList<>(from.keySet());
      c.assign(tps);
      from.forEach(c::seek);
      long[] n = {0};
      return drain(c, tps, c.endOffsets(tps), timeout, cap, "the group's topics", r -> n[0]++);
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
    List<PartitionInfo> infos = c.partitionsFor(topic, Broker.TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("Topic '" + topic + "' does not exist");
    }
    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private static long drain(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> tps,
      Map<TopicPartition, Long> end, Duration timeout, long cap, String what,
      Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long read = 0;
    Map<TopicPartition, Long> left = new HashMap<>(end);
    while (true) {
      left.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
      if (left.isEmpty() || read >= cap) {
        return read;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Could not read " + what + " to its end within "
            + timeout.toSeconds() + " s; still behind on " + left.keySet());
      }
      for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
        Long e = end.get(new TopicPartition(r.topic(), r.partition()));
        if (e != null && r.offset() < e) {
          handler.accept(r);
          read++;
        }
      }
    }
  }
}
