package dev.mephisto.spring.boot;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.AppSettings;
import java.util.Map;
import java.util.function.Consumer;

/** Sets on an {@link AppBuilder} what the {@code mephisto.*} properties set, nothing else. */
final class PropertiesToBuilder {
  private PropertiesToBuilder() {}

  static void apply(MephistoProperties p, AppBuilder b) {
    set(p.broker(), b::broker);
    set(p.store(), b::store);
    set(p.processingGuarantee(), b::processingGuarantee);
    set(p.topicPartitions(), b::topicPartitions);
    set(p.topicReplicationFactor(), b::topicReplicationFactor);
    set(p.createTopics(), b::createTopics);
    set(p.commitInterval(), b::commitInterval);
    set(p.commitEvery(), b::commitEvery);
    set(p.streamBufferMaxSize(), b::streamBufferMaxSize);
    set(p.consumerAutoOffsetReset(), b::consumerAutoOffsetReset);
    set(p.keyCodec(), b::keyCodec);
    set(p.valueCodec(), b::valueCodec);
    set(p.onError(), b::onError);
    set(p.deadLetterSuffix(), b::deadLetterSuffix);
    set(p.tableStandbyReplicas(), b::tableStandbyReplicas);
    if (p.tableCacheMaxBytes() != null) {
      b.tableCacheMaxBytes(p.tableCacheMaxBytes().toBytes());
    }
    set(p.groupInstanceId(), b::groupInstanceId);
    set(p.acceptableRecoveryLag(), b::acceptableRecoveryLag);
    set(p.maxWarmupReplicas(), b::maxWarmupReplicas);
    set(p.probingRebalanceInterval(), b::probingRebalanceInterval);
    set(p.shutdownTimeout(), b::shutdownTimeout);
    set(p.stallTimeout(), b::stallTimeout);
    set(p.stallFailsLiveness(), b::stallFailsLiveness);
    MephistoProperties.Web web = p.web();
    if (web.host() != null || web.port() != null) {
      // the builder sets both at once: the one not given keeps Mephisto's default
      AppSettings defaults = App.builder("defaults").environment(Map.of()).settings();
      b.web(web.host() != null ? web.host() : defaults.webHost(),
          web.port() != null ? web.port() : defaults.webPort());
    }
    set(web.enabled(), b::web);
    set(web.advertisedHost(), b::webAdvertisedHost);
    if (!p.allowedReplyTopics().isEmpty()) {
      b.allowedReplyTopics(p.allowedReplyTopics().toArray(String[]::new));
    }
    p.kafka().forEach(b::kafka);
    p.codec().forEach(b::codecConfig);
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
