package dev.mephisto.core.internal.transport;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/** A KafkaConsumer behind {@link RecordSource}. */
final class KafkaSource implements RecordSource {
  private final KafkaConsumer<byte[], byte[]> consumer;

  KafkaSource(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  @Override
  public void subscribe(Collection<String> topics, RebalanceHandler handler) {
    consumer.subscribe(topics, new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        handler.onRevoked(partitions);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        handler.onAssigned(partitions);
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        handler.onLost(partitions);
      }
    });
  }

  @Override
  public void assign(Collection<TopicPartition> partitions) {
    consumer.assign(partitions);
  }

  @Override
  public void seek(TopicPartition partition, long offset) {
    consumer.seek(partition, offset);
  }

  @Override
  public void seekToBeginning(Collection<TopicPartition> partitions) {
    consumer.seekToBeginning(partitions);
  }

  @Override
  public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
    return consumer.endOffsets(partitions);
  }

  @Override
  public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
    return consumer.beginningOffsets(partitions);
  }

  @Override
  public long position(TopicPartition partition) {
    return consumer.position(partition);
  }

  @Override
  public java.util.OptionalLong lag(TopicPartition partition) {
    try {
      return consumer.currentLag(partition);
    } catch (IllegalStateException e) {
      return java.util.OptionalLong.empty(); // not assigned any more
    }
  }

  @Override
  public int poll(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try {
      var records = consumer.poll(timeout);
      for (ConsumerRecord<byte[], byte[]> r : records) {
        sink.accept(r);
      }
      return records.count();
    } catch (WakeupException e) {
      return 0;
    }
  }

  @Override
  public void pause(Collection<TopicPartition> partitions) {
    consumer.pause(partitions);
  }

  @Override
  public void resume(Collection<TopicPartition> partitions) {
    consumer.resume(partitions);
  }

  @Override
  public Set<TopicPartition> paused() {
    return consumer.paused();
  }

  @Override
  public Set<TopicPartition> assignment() {
    return consumer.assignment();
  }

  @Override
  public void commit(Map<TopicPartition, Long> nextOffsets) {
    Map<TopicPartition, OffsetAndMetadata> o = new HashMap<>();
    nextOffsets.forEach((tp, off) -> o.put(tp, new OffsetAndMetadata(off)));
    consumer.commitSync(o);
  }

  @Override
  public Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
    Map<TopicPartition, Long> m = new HashMap<>();
    consumer.committed(partitions).forEach((tp, om) -> {
      if (om != null) {
        m.put(tp, om.offset());
      }
    });
    return m;
  }

  @Override
  public ConsumerGroupMetadata groupMetadata() {
    return consumer.groupMetadata();
  }

  @Override
  public void requestRebalance(String reason) {
    try {
      consumer.enforceRebalance(reason);
    } catch (IllegalStateException e) {
      // not subscribed (any more): nothing to rebalance
    }
  }

  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
  }
}
