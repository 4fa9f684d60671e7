package dev.mephisto.spring.boot;

import dev.mephisto.OnError;
import dev.mephisto.ProcessingGuarantee;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Mephisto app's settings as Spring properties under {@code mephisto.*}. A property left out
 * keeps Mephisto's default (see {@code AppSettings}); the names are the settings' names in
 * kebab case, so {@code topicPartitions} is {@code mephisto.topic-partitions}, and Mephisto's
 * environment variables ({@code MEPHISTO_TOPIC_PARTITIONS}) bind to them by Spring's rules.
 *
 * <pre>
 * mephisto.id=order-app
 * mephisto.broker=kafka://kafka1:9092;kafka2:9092
 * mephisto.store=rocksdb:///var/lib/order-app
 * mephisto.processing-guarantee=exactly-once
 * mephisto.commit-interval=1s
 * mephisto.kafka.security.protocol=SASL_SSL
 * mephisto.codec.schema.registry.url=http://registry:8081
 * </pre>
 *
 * @param id the app id (consumer group, prefix of internal topics); default {@code
 *     spring.application.name}
 * @param broker {@code kafka://host:port[;host:port...]} or {@code memory://}
 * @param store default store of tables: {@code memory://} or {@code rocksdb:///path}
 * @param processingGuarantee {@code at-least-once} or {@code exactly-once}
 * @param topicPartitions partitions of the topics the app creates
 * @param topicReplicationFactor replication factor of the topics the app creates
 * @param createTopics whether declared and internal topics are created when missing
 * @param commitInterval how often offsets are committed
 * @param commitEvery commit after this many acknowledged events at the latest
 * @param streamBufferMaxSize events buffered per partition before it is paused
 * @param consumerAutoOffsetReset where a new consumer group starts: {@code earliest} or {@code
 *     latest}
 * @param keyCodec default key codec chain, e.g. {@code raw}
 * @param valueCodec default value codec chain, e.g. {@code json} or {@code json|binary}
 * @param onError what agents do with an event they fail on: {@code dead-letter}, {@code skip}
 *     or {@code stop}
 * @param deadLetterSuffix dead-letter topics are named {@code <topic><suffix>}
 * @param tableStandbyReplicas warm copies of each table partition on other workers
 * @param tableCacheMaxBytes the worker's table write cache, shared by its table partitions, e.g.
 *     {@code 10MB} ({@code 0} turns it off: every update written through)
 * @param groupInstanceId this worker's static group membership id ({@code group.instance.id} of
 *     its main consumer): a restart within the session timeout moves nothing
 * @param acceptableRecoveryLag changelog records a worker's copy of a table partition may be
 *     behind for the partition to move to it (warm-up replicas)
 * @param maxWarmupReplicas warm-up copies the group builds at once
 * @param probingRebalanceInterval how often the group rebalances while warm-ups are under way
 * @param web the worker's own web server
 * @param shutdownTimeout how long a graceful stop may take
 * @param stallTimeout how long a partition with lag may keep its position (not paused by
 *     backpressure) before the worker reports it stalled
 * @param stallFailsLiveness whether a stalled partition fails the worker's liveness ({@code
 *     /health})
 * @param allowedReplyTopics topics a {@code mephisto.reply-to} header may name besides the app's
 *     own reply topics: exact names or prefixes ending in {@code *}
 * @param kafka Kafka client properties passed through as they are, e.g. {@code
 *     mephisto.kafka.security.protocol=SASL_SSL}
 * @param codec configuration handed to codec providers, e.g. {@code
 *     mephisto.codec.schema.registry.url=http://registry:8081}
 * @param autoStartup whether the worker starts with the application context (default true)
 */
@ConfigurationProperties("mephisto")
public record MephistoProperties(
    String id,
    String broker,
    String store,
    ProcessingGuarantee processingGuarantee,
    Integer topicPartitions,
    Integer topicReplicationFactor,
    Boolean createTopics,
    Duration commitInterval,
    Integer commitEvery,
    Integer streamBufferMaxSize,
    String consumerAutoOffsetReset,
    String keyCodec,
    String valueCodec,
    OnError onError,
    String deadLetterSuffix,
    Integer tableStandbyReplicas,
    DataSize tableCacheMaxBytes,
    String groupInstanceId,
    Long acceptableRecoveryLag,
    Integer maxWarmupReplicas,
    Duration probingRebalanceInterval,
    Web web,
    Duration shutdownTimeout,
    Duration stallTimeout,
    Boolean stallFailsLiveness,
    List<String> allowedReplyTopics,
    Map<String, String> kafka,
    Map<String, String> codec,
    @DefaultValue("true") boolean autoStartup) {

  /** Empty maps and web settings for absent ones. */
  public MephistoProperties {
    web = web == null ? new Web(null, null, null, null) : web;
    allowedReplyTopics = allowedReplyTopics == null ? List.of() : List.copyOf(allowedReplyTopics);
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    codec = codec == null ? Map.of() : Map.copyOf(codec);
  }

  /**
   * The worker's own web server ({@code mephisto.web.*}); Spring's server is another one.
   *
   * @param host the address it binds to (Mephisto's default: loopback)
   * @param port its port (Mephisto's default: 6066; 0 picks a free one)
   * @param enabled whether the worker serves it (Mephisto's default: true)
   * @param advertisedHost the host other workers reach it at, for table lookups routed to the
   *     key's owner (Mephisto's default: {@code host}, or this machine's name for a wildcard)
   */
  public record Web(String host, Integer port, Boolean enabled, String advertisedHost) {}
}
