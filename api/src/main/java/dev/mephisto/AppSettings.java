package dev.mephisto;

import dev.mephisto.codec.CodecProvider;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.stream.StreamOperator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated settings of an app, made by {@link AppBuilder#build()}. Immutable.
 *
 * @param id the app id: consumer group, prefix of internal topics
 * @param broker broker URL: {@code kafka://host:port[;host:port...]} or {@code memory://}
 * @param store default store URL for tables: {@code memory://} or {@code rocksdb:///path}
 * @param processingGuarantee at-least-once (default) or exactly-once
 * @param topicPartitions partitions of topics the app creates when none is given (default 8)
 * @param topicReplicationFactor replication factor of created topics; -1 (default): the broker's
 *     {@code default.replication.factor}
 * @param createTopics create declared and internal topics when missing (default true)
 * @param commitInterval how often offsets are committed (default 2.8 s)
 * @param commitEvery commit after this many acked events at the latest (default 10 000)
 * @param streamBufferMaxSize events buffered per partition before it is paused (default 4096)
 * @param consumerAutoOffsetReset where a new group starts: {@code earliest} (default) or {@code
 *     latest}
 * @param keyCodec default key codec chain (default {@code raw})
 * @param valueCodec default value codec chain (default {@code json})
 * @param onError default policy when an agent throws or a value cannot be decoded
 * @param deadLetterSuffix suffix of dead-letter topics: {@code <topic><suffix>} (default {@code
 *     .dlq})
 * @param tableStandbyReplicas warm table copies on other workers (default 1)
 * @param tableCacheMaxBytes bytes of the worker's table write cache, shared by its table
 *     partitions; 0 writes every update through to store and changelog (default 10 MiB)
 * @param webHost address the worker's web server binds to (default loopback)
 * @param webPort port of the worker's web server (default 6066)
 * @param shutdownTimeout how long a graceful stop may take (default 30 s)
 * @param allowedReplyTopics topics an incoming {@code mephisto.reply-to} header may name besides
 *     this app's own reply topics {@code <id>-reply-<uuid>}: exact names, or prefixes ending in
 *     {@code *} (default none)
 * @param kafka Kafka client properties passed through as they are (SASL, SSL, ...)
 * @param codecConfig configuration handed to codec providers (e.g. {@code schema.registry.url})
 * @param codecs codec providers registered in code; they replace discovered ones of the same name
 * @param stores store providers registered in code
 * @param operators stream operators registered in code
 * @param webEnabled whether the worker serves its web server (default true)
 * @param webAdvertisedHost the host other workers reach this worker's web server at, for table
 *     lookups routed to the key's owner (default empty: {@code webHost}, or this machine's name
 *     when {@code webHost} is a wildcard such as {@code 0.0.0.0})
 * @param stallTimeout how long a partition with lag may keep its position, while not paused by
 *     backpressure, before it is reported as stalled (default 1 min)
 * @param stallFailsLiveness whether a stalled partition fails {@code /health} (default false:
 *     it is reported there, as a metric and in the log)
 * @param groupInstanceId this worker's static group membership id ({@code group.instance.id} of
 *     its main consumer only); a worker that restarts with the same id within the session timeout
 *     gets its partitions back without a rebalance (default empty: dynamic membership)
 * @param acceptableRecoveryLag changelog records a worker's copy of a table partition may be
 *     behind and still take it over; a copy further behind is warmed up first while the current
 *     holder keeps the partition active (default 10 000)
 * @param maxWarmupReplicas warm-up copies the group builds at once (default 2)
 * @param probingRebalanceInterval how often the group rebalances while warm-ups are under way, to
 *     move partitions whose copies caught up (default 1 min)
 * @param meterRegistry the application's own Micrometer {@code MeterRegistry}, if it brought one
 * @param listeners told about worker state changes and table restore progress
 */
public record AppSettings(
    String id,
    String broker,
    String store,
    ProcessingGuarantee processingGuarantee,
    int topicPartitions,
    int topicReplicationFactor,
    boolean createTopics,
    Duration commitInterval,
    int commitEvery,
    int streamBufferMaxSize,
    String consumerAutoOffsetReset,
    String keyCodec,
    String valueCodec,
    OnError onError,
    String deadLetterSuffix,
    int tableStandbyReplicas,
    long tableCacheMaxBytes,
    String webHost,
    int webPort,
    Duration shutdownTimeout,
    List<String> allowedReplyTopics,
    Map<String, String> kafka,
    Map<String, Object> codecConfig,
    List<CodecProvider> codecs,
    List<StoreProvider> stores,
    List<StreamOperator> operators,
    boolean webEnabled,
    String webAdvertisedHost,
    Duration stallTimeout,
    boolean stallFailsLiveness,
    String groupInstanceId,
    long acceptableRecoveryLag,
    int maxWarmupReplicas,
    Duration probingRebalanceInterval,
    Optional<Object> meterRegistry,
    List<LifecycleListener> listeners) {

  /** Makes the collections immutable and checks nulls. */
  public AppSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(processingGuarantee, "processingGuarantee");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(consumerAutoOffsetReset, "consumerAutoOffsetReset");
    Objects.requireNonNull(keyCodec, "keyCodec");
    Objects.requireNonNull(valueCodec, "valueCodec");
    Objects.requireNonNull(onError, "onError");
    Objects.requireNonNull(deadLetterSuffix, "deadLetterSuffix");
    Objects.requireNonNull(webHost, "webHost");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    allowedReplyTopics = List.copyOf(allowedReplyTopics);
    kafka = Map.copyOf(kafka);
    codecConfig = Map.copyOf(codecConfig);
    codecs = List.copyOf(codecs);
    stores = List.copyOf(stores);
    operators = List.copyOf(operators);
    Objects.requireNonNull(webAdvertisedHost, "webAdvertisedHost");
    Objects.requireNonNull(stallTimeout, "stallTimeout");
    Objects.requireNonNull(groupInstanceId, "groupInstanceId");
    Objects.requireNonNull(probingRebalanceInterval, "probingRebalanceInterval");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    listeners = List.copyOf(listeners);
  }

  /** @return true when the broker URL is {@code memory://} (in-process topics, one worker) */
  public boolean inMemory() {
    return broker.startsWith("memory:");
  }

  /**
   * @return the broker URL as Kafka's {@code bootstrap.servers}, e.g. {@code h1:9092,h2:9092}
   * @throws ConfigurationException for a {@code memory://} broker
   */
  public String bootstrapServers() {
    if (inMemory()) {
      throw new ConfigurationException(
          "Setting 'broker' is '" + broker + "', which has no bootstrap servers");
    }
    String hosts = broker.substring("kafka://".length());
    return String.join(",", hosts.split("[;,]"));
  }
}
