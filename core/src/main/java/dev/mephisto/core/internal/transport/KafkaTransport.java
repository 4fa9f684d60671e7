package dev.mephisto.core.internal.transport;

import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.assign.ClusterState;
import dev.mephisto.core.internal.assign.MephistoAssignor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code kafka://}: one admin client, one shared producer, consumers on demand. */
public final class KafkaTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(KafkaTransport.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  /** The producer's default {@code batch.size}: 128 KiB (kafka-clients': 16 KiB). */
  static final String BATCH_SIZE = Integer.toString(128 * 1024);

  private final AppSettings settings;
  private final ClusterState cluster;
  // group.instance.id given as a Kafka property ('kafka.group.instance.id'), for the main consumer
  private volatile String staticIdPassedThrough;
  private final String bootstrap;
  // ReentrantLocks, not synchronized: producers are created on virtual threads and
  // initTransactions blocks on the broker
  private final ReentrantLock producerLock = new ReentrantLock();
  private final ReentrantLock adminLock = new ReentrantLock();
  private volatile KafkaProducer<byte[], byte[]> producer;
  // exactly-once: the idempotent producer of sends made outside agent processing
  private volatile KafkaProducer<byte[], byte[]> outside;
  private volatile Admin admin;

  /**
   * @param settings the app's settings (broker URL, client overrides)
   * @param cluster the worker's group state, shared with the assignor of group consumers
   */
  public KafkaTransport(AppSettings settings, ClusterState cluster) {
    this.settings = settings;
    this.cluster = cluster;
    this.bootstrap = settings.bootstrapServers();
  }

  /**
   * Fails when a {@code kafka.*} setting changes one the runtime owns.
   *
   * @param settings the app's settings
   * @throws dev.mephisto.ConfigurationException naming the setting, its value and the runtime's
   */
  public static void checkSettings(AppSettings settings) {
    OwnedClientSettings.check(settings);
  }

  /**
   * Client properties for one kind of client: plain overrides apply to all, {@code producer.},
   * {@code consumer.} and {@code admin.} prefixed ones to that kind only.
   */
  public Map<String, Object> clientProps(String kind) {
    Map<String, Object> p = new HashMap<>();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.kafka().forEach((k, v) -> {
      int dot = k.indexOf('.');
      String prefix = dot > 0 ? k.substring(0, dot) : "";
      if (prefix.equals(kind)) {
        p.put(k.substring(dot + 1), v);
      } else if (!prefix.equals("producer") && !prefix.equals("consumer") && !prefix.equals("admin")) {
        p.put(k, v);
      }
    });
    return p;
  }

  private Admin admin() {
    Admin a = admin;
    if (a == null) {
      adminLock.lock();
      try {
        if (admin == null) {
          Map<String, Object> p = clientProps("admin");
          p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, settings.id() + "-admin");
          admin = Admin.create(p);
        }
        a = admin;
      } finally {
        adminLock.unlock();
      }
    }
    return a;
  }

  private boolean exactlyOnce() {
    return settings.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE;
  }

  /** @return the worker's producer: transactional under exactly-once */
  private KafkaProducer<byte[], byte[]> producer() {
    KafkaProducer<byte[], byte[]> p = producer;
    if (p == null) {
      producerLock.lock();
      try {
        if (producer == null) {
          Map<String, Object> props = producerProps("producer");
          if (exactlyOnce()) {
            props.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                settings.id() + "-" + UUID.randomUUID());
            // as Kafka Streams: a killed worker's open transaction blocks read_committed readers
            // of its partitions until it times out (the broker's default is a minute)
            props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000");
          }
          KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(props);
          if (exactlyOnce()) {
            created.initTransactions();
          }
          producer = created;
        }
        p = producer;
      } finally {
        producerLock.unlock();
      }
    }
    return p;
  }

  /** @return the producer of sends outside the transaction: idempotent, never transactional */
  private KafkaProducer<byte[], byte[]> outsideProducer() {
    if (!exactlyOnce()) {
      return producer();
    }
    KafkaProducer<byte[], byte[]> p = outside;
    if (p == null) {
      producerLock.lock();
      try {
        if (outside == null) {
          Map<String, Object> props = producerProps("producer");
          props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
          props.put(ProducerConfig.CLIENT_ID_CONFIG, props.get(ProducerConfig.CLIENT_ID_CONFIG)
              + "-direct");
          outside = new KafkaProducer<>(props);
        }
        p = outside;
      } finally {
        producerLock.unlock();
      }
    }
    return p;
  }

  Map<String, Object> producerProps(String kind) {
    Map<String, Object> props = clientProps(kind);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // One request in flight per broker: a batch that fails with NOT_LEADER on a partition
    // created a moment ago (repartition topics) must not be overtaken by later batches,
    // or the broker rejects its retry as out of sequence for ever (seen on the embedded
    // broker). Overridable with kafka.producer.max.in.flight.requests.per.connection.
    props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    // With one request in flight, a request carries at most one batch per partition: at
    // kafka-clients' 16 KiB batches that capped every producing agent at ~540 records per
    // ~1.7 ms round trip (~300k records/s, batches always full, records queued ~35 ms in the
    // producer). Larger batches only fill under load: latency at low rates is linger.ms's.
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, settings.id() + "-producer");
    return props;
  }

  @Override
  public Map<String, Integer> ensureTopics(List<TopicDefinition> topics) {
    Map<String, Integer> result = new HashMap<>();
    if (topics.isEmpty()) {
      return result;
    }
    List<String> names = topics.stream().map(TopicDefinition::name).distinct().toList();
    Map<String, TopicDescription> existing = describe(names);
    List<NewTopic> missing = new ArrayList<>();
    for (TopicDefinition t : topics) {
      TopicDescription d = existing.get(t.name());
      if (d != null) {
        result.put(t.name(), d.partitions().size());
      } else if (!result.containsKey(t.name())) {
        missing.add(newTopic(t));
        result.put(t.name(), t.partitions());
      }
    }
    if (!missing.isEmpty()) {
      if (!settings.createTopics()) {
        throw new ConfigurationException("Topics " + missing.stream().map(NewTopic::name).toList()
            + " do not exist on '" + settings.broker() + "' and setting 'createTopics' is false; "
            + "create them or turn 'createTopics' on");
      }
      for (var e : admin().createTopics(missing).values().entrySet()) {
        try {
          e.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          log.info("Created topic '{}'", e.getKey());
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof TopicExistsException)) {
            throw new MephistoException("Cannot create topic '" + e.getKey() + "' on '"
                + settings.broker() + "': " + ex.getCause().getMessage(), ex.getCause());
          }
          // another worker of the app created it meanwhile (workers started together): use its
          // partition count once the broker describes it, which can lag the creation a moment
          result.put(e.getKey(), createdMeanwhile(e.getKey()));
        } catch (InterruptedException | TimeoutException ex) {
          throw interrupted("create topic '" + e.getKey() + "'", ex);
        }
      }
      awaitLeaders(missing.stream().map(NewTopic::name).toList());
    }
    return result;
  }

  /**
   * @param t a topic to create
   * @return the request; a replication factor below 1 asks for the broker's {@code
   *     default.replication.factor} (as Kafka Streams since 3.0)
   */
  static NewTopic newTopic(TopicDefinition t) {
    return new NewTopic(t.name(), java.util.Optional.of(t.partitions()),
        t.replicationFactor() < 1 ? java.util.Optional.empty()
            : java.util.Optional.of((short) t.replicationFactor())).configs(t.configs());
  }

  /** @return the partition count of a topic another client just created */
  private int createdMeanwhile(String name) {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      TopicDescription d = describe(List.of(name)).get(name);
      if (d != null && !d.partitions().isEmpty()) {
        return d.partitions().size();
      }
      if (System.nanoTime() > deadline) {
        throw new MephistoException("Topic '" + name + "' exists on '" + settings.broker()
            + "' (another client created it) but cannot be described after "
            + ADMIN_TIMEOUT.toSeconds() + " s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException ex) {
        throw interrupted("describe topic '" + name + "'", ex);
      }
    }
  }

  /** New partitions have no leader for a moment; sending then only causes retries. */
  private void awaitLeaders(List<String> names) {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, TopicDescription> d = describe(names);
      boolean ready = d.size() == names.size() && d.values().stream()
          .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
      if (ready) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    log.warn("Topics {} have partitions without a leader after {} s", names, ADMIN_TIMEOUT.toSeconds());
  }

  private Map<String, TopicDescription> describe(Collection<String> names) {
    Map<String, TopicDescription> found = new HashMap<>();
    for (var e : admin().describeTopics(names).topicNameValues().entrySet()) {
      try {
        found.put(e.getKey(), e.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new MephistoException("Cannot describe topic '" + e.getKey() + "' on '"
              + settings.broker() + "': " + ex.getCause().getMessage(), ex.getCause());
        }
      } catch (InterruptedException | TimeoutException ex) {
        throw interrupted("describe topic '" + e.getKey() + "'", ex);
      }
    }
    return found;
  }

  private MephistoException interrupted(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new MephistoException("Could not " + what + " on '" + settings.broker() + "' within "
        + ADMIN_TIMEOUT.toSeconds() + " s: is the broker reachable?", e);
  }

  @Override
  public Set<String> topicNames() {
    try {
      return admin().listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new MephistoException("Cannot list the topics of '" + settings.broker() + "': "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw interrupted("list topics", e);
    }
  }

  @Override
  public OptionalInt partitions(String topic) {
    TopicDescription d = describe(List.of(topic)).get(topic);
    return d == null ? OptionalInt.empty() : OptionalInt.of(d.partitions().size());
  }

  @Override
  public CompletableFuture<RecordMetadata> send(String topic, Integer partition, byte[] key,
      byte[] value, Headers headers, Long timestamp) {
    return send(producer(), topic, partition, key, value, headers, timestamp);
  }

  @Override
  public CompletableFuture<RecordMetadata> sendOutsideTransaction(String topic,
      Integer partition, byte[] key, byte[] value, Headers headers, Long timestamp) {
    return send(outsideProducer(), topic, partition, key, value, headers, timestamp);
  }

  private static CompletableFuture<RecordMetadata> send(KafkaProducer<byte[], byte[]> producer,
      String topic, Integer partition, byte[] key, byte[] value, Headers headers, Long timestamp) {
    CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
    ProducerRecord<byte[], byte[]> rec =
        new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    try {
      if (partition != null) {
        // the producer would wait max.block.ms (a minute) for a partition the topic lacks
        int n = producer.partitionsFor(topic).size();
        if (partition >= n) {
          f.completeExceptionally(new IllegalArgumentException("Partition " + partition
              + " of topic '" + topic + "' does not exist; it has " + n));
          return f;
        }
      }
      producer.send(rec, completing(producer, f, rec, true));
    } catch (KafkaException e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  /**
   * Completes {@code f} with the broker's answer. A record refused only because another record of
   * its batch was invalid or too large (KIP-467: the broker fails the whole batch) is sent once
   * more, on its own thread, not the producer's.
   */
  private static org.apache.kafka.clients.producer.Callback completing(
      KafkaProducer<byte[], byte[]> producer, CompletableFuture<RecordMetadata> f,
      ProducerRecord<byte[], byte[]> rec, boolean resend) {
    return (md, ex) -> {
      if (ex == null) {
        f.complete(new RecordMetadata(
            md.topic(), md.partition(), md.offset(), Instant.ofEpochMilli(md.timestamp())));
      } else if (resend && (ex instanceof org.apache.kafka.common.InvalidRecordException
          || ex instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException)) {
        log.debug("Sending a record to '{}' again, refused with its batch: {}", rec.topic(),
            ex.toString());
        Thread.ofVirtual().name("resend-" + rec.topic()).start(() -> {
          try {
            producer.send(rec, completing(producer, f, rec, false));
          } catch (KafkaException e) {
            f.completeExceptionally(e);
          }
        });
      } else {
        f.completeExceptionally(ex);
      }
    };
  }

  @Override
  public void flush() {
    KafkaProducer<byte[], byte[]> p = producer;
    if (p != null) {
      p.flush();
    }
    KafkaProducer<byte[], byte[]> o = outside;
    if (o != null) {
      o.flush();
    }
  }

  @Override
  public RecordSource newSource(String groupId, String clientId) {
    return new KafkaSource(new KafkaConsumer<>(groupConsumerProps(groupId, clientId)));
  }

  /**
   * @param groupId the app's group
   * @param clientId the consumer's client id
   * @return the settings of the worker's main consumer
   */
  Map<String, Object> groupConsumerProps(String groupId, String clientId) {
    Map<String, Object> p = consumerProps(clientId);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    // as Kafka Streams (and the bench's raw loop): one hand-off per partition per poll carries
    // twice the records of kafka-clients' 500, and the loop turns half as often
    p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    // the Mephisto assignor runs in the client: the classic protocol (KIP-848 assigns on the broker)
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    // cooperative rebalances (the assignor supports only that protocol): what stays is never
    // revoked; what moves is released by its holder first and handed over in a follow-up
    // rebalance, so a table partition never has two writers
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, MephistoAssignor.class.getName());
    p.put(ClusterState.CONFIG, cluster);
    // static membership for the main consumer only: restore, standby and reply consumers have no
    // group, and a second consumer with the same id would fence this one
    if (!settings.groupInstanceId().isEmpty()) {
      p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.groupInstanceId());
    } else if (staticIdPassedThrough != null) {
      p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticIdPassedThrough);
    }
    return p;
  }

  @Override
  public RecordSource newAssignedSource(String clientId) {
    return new KafkaSource(new KafkaConsumer<>(consumerProps(clientId)));
  }

  @Override
  public RecordSource newRestoreSource(String clientId) {
    Map<String, Object> p = consumerProps(clientId);
    p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    // the restorer seeks explicitly; an offset out of range means the log start moved
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaSource(new KafkaConsumer<>(p));
  }

  private Map<String, Object> consumerProps(String clientId) {
    Map<String, Object> p = clientProps("consumer");
    Object passedThrough = p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG); // main one only
    if (passedThrough != null) {
      staticIdPassedThrough = passedThrough.toString();
    }
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.consumerAutoOffsetReset());
    // A fetch for caught-up partitions waits up to fetch.max.wait.ms; a partition resumed after
    // backpressure is fetched only after that fetch returns. Kafka's 500 ms default capped agents
    // at ~70k records/s in the bench (one buffer per partition per wait); 100 ms lifts it 4-5x.
    p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    if (settings.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE) {
      p.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
    return p;
  }

  @Override
  public void deleteTopics(Collection<String> topics) {
    if (topics.isEmpty()) {
      return;
    }
    try {
      admin().deleteTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Could not delete topics {}: {}", topics, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Transactions transactions() {
    return new Transactions() {
      @Override
      public void begin() {
        producer().beginTransaction();
      }

      @Override
      public void commit(Map<TopicPartition, Long> offsets, ConsumerGroupMetadata group) {
        Map<TopicPartition, OffsetAndMetadata> o = new HashMap<>();
        offsets.forEach((tp, off) -> o.put(tp, new OffsetAndMetadata(off)));
        producer().sendOffsetsToTransaction(o, group);
        producer().commitTransaction();
      }

      @Override
      public void abort() {
        producer().abortTransaction();
      }
    };
  }

  @Override
  public void close() {
    KafkaProducer<byte[], byte[]> p = producer;
    if (p != null) {
      p.close(settings.shutdownTimeout());
    }
    KafkaProducer<byte[], byte[]> o = outside;
    if (o != null) {
      o.close(settings.shutdownTimeout());
    }
    Admin a = admin;
    if (a != null) {
      a.close(Duration.ofSeconds(5));
    }
  }
}
