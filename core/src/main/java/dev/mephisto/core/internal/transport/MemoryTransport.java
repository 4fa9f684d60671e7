package dev.mephisto.core.internal.transport;

import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.RecordMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;

/**
 * {@code memory://}: topics with partitions and offsets inside this process, one worker. Records
 * are partitioned as Kafka's default partitioner does (murmur2 of the key bytes), so a table's
 * sharding is the same on both transports.
 */
public final class MemoryTransport implements Transport {
  private static final int MAX_POLL_RECORDS = 500;

  private final AppSettings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Map<String, List<List<ConsumerRecord<byte[], byte[]>>>> topics = new HashMap<>();
  private final Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
  private final AtomicInteger roundRobin = new AtomicInteger();

  /** @param settings the app's settings */
  public MemoryTransport(AppSettings settings) {
    this.settings = settings;
  }

  @Override
  public Map<String, Integer> ensureTopics(List<TopicDefinition> defs) {
    Map<String, Integer> result = new HashMap<>();
    lock.lock();
    try {
      for (TopicDefinition d : defs) {
        List<List<ConsumerRecord<byte[], byte[]>>> parts = topics.get(d.name());
        if (parts == null) {
          if (!settings.createTopics()) {
            throw new ConfigurationException("Topic '" + d.name()
                + "' does not exist and setting 'createTopics' is false");
          }
          parts = new ArrayList<>();
          for (int i = 0; i < d.partitions(); i++) {
            parts.add(new ArrayList<>());
          }
          topics.put(d.name(), parts);
        }
        result.put(d.name(), parts.size());
      }
    } finally {
      lock.unlock();
    }
    return result;
  }

  @Override
  public Set<String> topicNames() {
    lock.lock();
    try {
      return Set.copyOf(topics.keySet());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public OptionalInt partitions(String topic) {
    lock.lock();
    try {
      var parts = topics.get(topic);
      return parts == null ? OptionalInt.empty() : OptionalInt.of(parts.size());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletableFuture<RecordMetadata> send(String topic, Integer partition, byte[] key,
      byte[] value, Headers headers, Long timestamp) {
    lock.lock();
    try {
      var parts = topics.get(topic);
      if (parts == null) {
        if (!settings.createTopics()) {
          return CompletableFuture.failedFuture(new ConfigurationException(
              "Topic '" + topic + "' does not exist on 'memory://' and 'createTopics' is false"));
        }
        ensureTopics(List.of(new TopicDefinition(topic, settings.topicPartitions(), 1, Map.of())));
        parts = topics.get(topic);
      }
      int p;
      if (partition != null) {
        if (partition < 0 || partition >= parts.size()) {
          return CompletableFuture.failedFuture(new IllegalArgumentException("Partition "
              + partition + " of topic '" + topic + "' does not exist; it has " + parts.size()));
        }
        p = partition;
      } else if (key != null) {
        p = Utils.toPositive(Utils.murmur2(key)) % parts.size();
      } else {
        p = Math.floorMod(roundRobin.getAndIncrement(), parts.size());
      }
      List<ConsumerRecord<byte[], byte[]>> log = parts.get(p);
      long offset = log.size();
      long ts = timestamp != null ? timestamp : System.currentTimeMillis();
      RecordHeaders h = headers == null ? new RecordHeaders() : new RecordHeaders(headers.toArray());
      h.setReadOnly();
      log.add(new ConsumerRecord<>(topic, p, offset, ts, TimestampType.CREATE_TIME,
          key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, h,
          java.util.Optional.empty()));
      arrived.signalAll();
      return CompletableFuture.completedFuture(
          new RecordMetadata(topic, p, offset, Instant.ofEpochMilli(ts)));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() {
    // sends complete synchronously
  }

  @Override
  public RecordSource newSource(String groupId, String clientId) {
    return new Source(groupId);
  }

  @Override
  public RecordSource newAssignedSource(String clientId) {
    return new Source(null);
  }

  @Override
  public void deleteTopics(Collection<String> names) {
    lock.lock();
    try {
      names.forEach(topics::remove);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Transactions transactions() {
    throw new ConfigurationException("Setting 'processingGuarantee' is 'EXACTLY_ONCE' but broker "
        + "'memory://' has no transactions; use a kafka:// broker or AT_LEAST_ONCE");
  }

  @Override
  public void close() {
    lock.lock();
    try {
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A consumer of the in-memory topics; a group member that always holds every partition. */
  private final class Source implements RecordSource {
    private final String group;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Set<TopicPartition> assigned = new LinkedHashSet<>();
    private RebalanceHandler handler;
    private List<TopicPartition> pendingAssignment;
    private volatile boolean woken;

    Source(String group) {
      this.group = group;
    }

    @Override
    public void subscribe(Collection<String> names, RebalanceHandler h) {
      lock.lock();
      try {
        List<TopicPartition> tps = new ArrayList<>();
        for (String t : names) {
          var parts = topics.get(t);
          int n = parts == null ? 0 : parts.size();
          for (int i = 0; i < n; i++) {
            tps.add(new TopicPartition(t, i));
          }
        }
        this.handler = h;
        this.pendingAssignment = tps;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
      assigned.clear();
      assigned.addAll(partitions);
      positions.keySet().retainAll(assigned);
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
      positions.put(partition, offset);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
      partitions.forEach(tp -> positions.put(tp, 0L));
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
      lock.lock();
      try {
        Map<TopicPartition, Long> m = new HashMap<>();
        for (TopicPartition tp : partitions) {
          m.put(tp, (long) log(tp).size());
        }
        return m;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
      Map<TopicPartition, Long> m = new HashMap<>();
      partitions.forEach(tp -> m.put(tp, 0L));
      return m;
    }

    private List<ConsumerRecord<byte[], byte[]>> log(TopicPartition tp) {
      var parts = topics.get(tp.topic());
      if (parts == null || tp.partition() >= parts.size()) {
        return List.of();
      }
      return parts.get(tp.partition());
    }

    @Override
    public long position(TopicPartition partition) {
      Long p = positions.get(partition);
      return p == null ? initialPosition(partition) : p;
    }

    private long initialPosition(TopicPartition tp) {
      lock.lock();
      try {
        Long c = group == null ? null : committed.getOrDefault(group, Map.of()).get(tp);
        if (c != null) {
          return c;
        }
        return settings.consumerAutoOffsetReset().equals("latest") ? log(tp).size() : 0L;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public java.util.OptionalLong lag(TopicPartition partition) {
      lock.lock();
      try {
        return java.util.OptionalLong.of(Math.max(0, log(partition).size() - position(partition)));
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int poll(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
      if (pendingAssignment != null) {
        List<TopicPartition> tps = pendingAssignment;
        pendingAssignment = null;
        assigned.addAll(tps);
        handler.onAssigned(tps);
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
      lock.lock();
      try {
        while (true) {
          for (TopicPartition tp : assigned) {
            if (paused.contains(tp) || batch.size() >= MAX_POLL_RECORDS) {
              continue;
            }
            List<ConsumerRecord<byte[], byte[]>> log = log(tp);
            long pos = positions.containsKey(tp) ? positions.get(tp) : initialPosition(tp);
            int end = (int) Math.min(log.size(), pos + MAX_POLL_RECORDS - batch.size());
            for (int i = (int) pos; i < end; i++) {
              batch.add(log.get(i));
            }
            positions.put(tp, Math.max(end, pos));
          }
          long left = deadline - System.nanoTime();
          if (!batch.isEmpty() || left <= 0 || woken) {
            woken = false;
            break;
          }
          arrived.await(left, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
      batch.forEach(sink);
      return batch.size();
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
      paused.addAll(partitions);
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
      paused.removeAll(partitions);
    }

    @Override
    public Set<TopicPartition> paused() {
      return Set.copyOf(paused);
    }

    @Override
    public Set<TopicPartition> assignment() {
      return Set.copyOf(assigned);
    }

    @Override
    public void commit(Map<TopicPartition, Long> nextOffsets) {
      if (group == null) {
        return;
      }
      lock.lock();
      try {
        committed.computeIfAbsent(group, g -> new HashMap<>()).putAll(nextOffsets);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
      lock.lock();
      try {
        Map<TopicPartition, Long> m = new HashMap<>(committed.getOrDefault(group, Map.of()));
        m.keySet().retainAll(partitions);
        return m;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public ConsumerGroupMetadata groupMetadata() {
      throw new ConfigurationException("Broker 'memory://' has no consumer group metadata: "
          + "it has no transactions either; use a kafka:// broker for EXACTLY_ONCE");
    }

    @Override
    public void wakeup() {
      woken = true;
      lock.lock();
      try {
        arrived.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      if (handler != null && !assigned.isEmpty()) {
        handler.onRevoked(List.copyOf(assigned));
      }
      assigned.clear();
    }
  }
}
