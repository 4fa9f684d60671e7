package dev.mephisto.testkit;

import dev.mephisto.KeyValue;
import dev.mephisto.MephistoException;
import dev.mephisto.RecordMetadata;
import dev.mephisto.testkit.internal.ClientCalls;
import dev.mephisto.testkit.internal.Futures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Short helpers for integration tests: create and list topics, produce and consume records, read
 * committed offsets and consumer-group lag. Blocking calls; every failure is an exception.
 *
 * <pre>{@code
 * try (KafkaTestClient client = KafkaTestClient.connect(bootstrap)) {
 *   client.createTopic("words", 2);
 *   client.produceStrings("words", List.of(KeyValue.of("k", "hello")));
 *   List<ConsumerRecord<String, String>> read =
 *       client.consumeStrings("words", 1, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class KafkaTestClient implements AutoCloseable {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final Admin admin;
  private final ReentrantLock lock = new ReentrantLock();
  private KafkaProducer<byte[], byte[]> producer;

  private KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * @param bootstrapServers Kafka's {@code bootstrap.servers}
   * @return a client; close it when done
   */
  public static KafkaTestClient connect(String bootstrapServers) {
    return new KafkaTestClient(Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
  }

  /**
   * @param prefix readable part of the name
   * @return {@code prefix} followed by a random suffix, so tests sharing a broker do not collide
   */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** @return the bootstrap servers this client talks to */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** @return the admin client, for anything these helpers do not cover; do not close it */
  public Admin admin() {
    return admin;
  }

  /**
   * @return producer properties: byte-array serializers, {@code acks=all}, idempotence on, one
   *     request in flight per broker (as the runtime's producer: a batch retried after
   *     NOT_LEADER on a just-created topic is then never overtaken and rejected for ever)
   */
  public Map<String, Object> producerProperties() {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return p;
  }

  /**
   * @param groupId consumer group id
   * @return consumer properties: byte-array deserializers, earliest, no auto commit
   */
  public Map<String, Object> consumerProperties(String groupId) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return p;
  }

  /**
   * Creates a topic and waits until every partition has a leader.
   *
   * @param name topic name
   * @param partitions partition count
   */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /**
   * Creates a topic with configuration, e.g. {@code Map.of("cleanup.policy", "compact")}, and
   * waits until every partition has a leader.
   *
   * @param name topic name
   * @param partitions partition count
   * @param configs topic configuration
   * @throws MephistoException if the topic exists or cannot be created
   */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    try {
      Futures.get(
          admin.createTopics(List.of(topic)).all(), ADMIN_TIMEOUT, "create topic '" + name + "'");
    } catch (MephistoException e) {
      if (e.getCause() instanceof TopicExistsException) {
        throw new MephistoException(
            "Cannot create topic '" + name + "': it exists already; use a unique name, e.g. "
                + "KafkaTestClient.uniqueName(\"" + name + "\")", e.getCause());
      }
      throw e;
    }
    Await.atMost(ADMIN_TIMEOUT)
        .ignoringExceptions()
        .until(
            "every partition of topic '" + name + "' has a leader",
            () -> ClientCalls.describe(admin, name, ADMIN_TIMEOUT),
            d -> d.partitions().size() == partitions
                && d.partitions().stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  /**
   * Deletes a topic.
   *
   * @param name topic name
   */
  public void deleteTopic(String name) {
    Futures.get(
        admin.deleteTopics(List.of(name)).all(), ADMIN_TIMEOUT, "delete topic '" + name + "'");
  }

  /** @return names of the topics that are not Kafka's internal ones, sorted */
  public Set<String> topics() {
    return new TreeSet<>(Futures.get(admin.listTopics().names(), ADMIN_TIMEOUT, "list topics"));
  }

  /**
   * @param topic topic name
   * @return its partition count
   */
  public int partitionCount(String topic) {
    return ClientCalls.describe(admin, topic, ADMIN_TIMEOUT).partitions().size();
  }

  /**
   * Sends records and waits for every acknowledgement.
   *
   * @param records the records
   * @return where each record was written, in the order given
   */
  public List<RecordMetadata> send(List<ProducerRecord<byte[], byte[]>> records) {
    KafkaProducer<byte[], byte[]> p = producer();
    List<Future<org.apache.kafka.clients.producer.RecordMetadata>> acks =
        new ArrayList<>(records.size());
    for (ProducerRecord<byte[], byte[]> record : records) {
      acks.add(p.send(record));
    }
    p.flush();
    List<RecordMetadata> written = new ArrayList<>(acks.size());
    for (Future<org.apache.kafka.clients.producer.RecordMetadata> ack : acks) {
      var m = Futures.get(ack, ADMIN_TIMEOUT, "send a record");
      written.add(
          new RecordMetadata(
              m.topic(), m.partition(), m.offset(), Instant.ofEpochMilli(m.timestamp())));
    }
    return written;
  }

  /**
   * Sends key/value byte records (null key: the producer picks the partition).
   *
   * @param topic topic name
   * @param records keys and values
   * @return where each record was written
   */
  public List<RecordMetadata> produce(String topic, List<KeyValue<byte[], byte[]>> records) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records.size());
    for (KeyValue<byte[], byte[]> kv : records) {
      out.add(new ProducerRecord<>(topic, kv.key(), kv.value()));
    }
    return send(out);
  }

  /**
   * Sends UTF-8 string records.
   *
   * @param topic topic name
   * @param records keys and values
   * @return where each record was written
   */
  public List<RecordMetadata> produceStrings(
      String topic, List<KeyValue<String, String>> records) {
    List<KeyValue<byte[], byte[]>> bytes = new ArrayList<>(records.size());
    for (KeyValue<String, String> kv : records) {
      bytes.add(KeyValue.of(ClientCalls.utf8(kv.key()), ClientCalls.utf8(kv.value())));
    }
    return produce(topic, bytes);
  }

  /**
   * Reads a topic from its beginning, without a consumer group, until {@code count} records.
   *
   * @param topic topic name
   * @param count records to read
   * @param timeout how long to wait for them
   * @return the first {@code count} records read (in order within each partition)
   * @throws AssertionError if fewer arrive in time
   */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>(count);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        ClientCalls.consumerAtStart(
            consumerProperties("unused"), ClientCalls.partitions(admin, topic, ADMIN_TIMEOUT))) {
      while (read.size() < count && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          if (read.size() < count) {
            read.add(record);
          }
        }
      }
    }
    if (read.size() < count) {
      throw new AssertionError(
            "Expected " + count + " records from topic '" + topic + "' within " + timeout
              + " but read " + read.size());
    }
    return read;
  }

  /**
   * Like {@link #consume} with keys and values decoded as UTF-8.
   *
   * @param topic topic name
   * @param count records to read
   * @param timeout how long to wait for them
   * @return the records read
   */
  public List<ConsumerRecord<String, String>> consumeStrings(
      String topic, int count, Duration timeout) {
    return consume(topic, count, timeout).stream().map(ClientCalls::utf8).toList();
  }

  /**
   * Reads everything a topic holds right now: up to the end offsets taken at the call.
   *
   * @param topic topic name
   * @return every record, partition by partition
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    long total = recordCount(topic);
    return total == 0 ? List.of() : consume(topic, Math.toIntExact(total), ADMIN_TIMEOUT);
  }

  /**
   * @param topic topic name
   * @return the end offset (next offset to be written) of each partition
   */
  public Map<TopicPartition, Long> endOffsets(String topic) {
    return ClientCalls.offsets(admin, topic, OffsetSpec.latest(), ADMIN_TIMEOUT);
  }

  /**
   * @param topic topic name
   * @return records held now: end minus start offset, summed over partitions (for compacted or
   *     transactional topics an upper bound)
   */
  public long recordCount(String topic) {
    Map<TopicPartition, Long> start =
        ClientCalls.offsets(admin, topic, OffsetSpec.earliest(), ADMIN_TIMEOUT);
    long total = 0;
    for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
      total += end.getValue() - start.getOrDefault(end.getKey(), 0L);
    }
    return total;
  }

  /**
   * @param groupId consumer group id
   * @return the committed offset of each partition the group has committed; empty if none
   */
  public Map<TopicPartition, Long> committedOffsets(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        Futures.get(
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
            ADMIN_TIMEOUT,
            "read committed offsets of group '" + groupId + "'");
    Map<TopicPartition, Long> out = new HashMap<>();
    committed.forEach((tp, om) -> {
      if (om != null) {
        out.put(tp, om.offset());
      }
    });
    return out;
  }

  /**
   * @param groupId consumer group id
   * @return records not yet committed by the group, summed over the partitions it has committed
   */
  public long lag(String groupId) {
    long lag = 0;
    Map<TopicPartition, Long> committed = committedOffsets(groupId);
    Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> c : committed.entrySet()) {
      long end =
          ends.computeIfAbsent(c.getKey().topic(), this::endOffsets).getOrDefault(c.getKey(), 0L);
      lag += Math.max(0, end - c.getValue());
    }
    return lag;
  }

  /**
   * @param groupId consumer group id
   * @param topic topic name
   * @return records of the topic not yet committed by the group; a partition without a commit
   *     counts from its start offset
   */
  public long lag(String groupId, String topic) {
    Map<TopicPartition, Long> committed = committedOffsets(groupId);
    Map<TopicPartition, Long> start =
        ClientCalls.offsets(admin, topic, OffsetSpec.earliest(), ADMIN_TIMEOUT);
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
      long from = committed.getOrDefault(end.getKey(), start.getOrDefault(end.getKey(), 0L));
      lag += Math.max(0, end.getValue() - from);
    }
    return lag;
  }

  /** Closes the producer and the admin client. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (producer != null) {
        producer.close(Duration.ofSeconds(10));
        producer = null;
      }
      admin.close(Duration.ofSeconds(10));
    } finally {
      lock.unlock();
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    lock.lock();
    try {
      if (producer == null) {
        producer = new KafkaProducer<>(producerProperties());
      }
      return producer;
    } finally {
      lock.unlock();
    }
  }
}
