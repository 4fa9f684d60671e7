package dev.mephisto.core.internal;

import dev.mephisto.AppSettings;
import dev.mephisto.RecordMetadata;
import dev.mephisto.codec.Codecs;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.assign.ClusterState;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.table.TableHost;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.core.internal.transport.Transport;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The app as its tables see it ({@link TableHost}), and the tables as the poll loop sees them
 * ({@link WorkerListener}): the one place that knows both.
 */
final class AppTableHost implements TableHost, WorkerListener {
  private final MephistoApp app;
  private final AppServices services;
  private TableRuntime tables;

  AppTableHost(MephistoApp app, AppServices services) {
    this.app = app;
    this.services = services;
  }

  TableRuntime bind(TableRuntime runtime) {
    this.tables = runtime;
    return runtime;
  }

  @Override
  public AppSettings settings() {
    return services.settings();
  }

  @Override
  public Codecs codecs() {
    return services.codecs();
  }

  @Override
  public String valueSpecFor(Class<?> type, Optional<String> topicSpec) {
    return services.valueSpecFor(type, topicSpec);
  }

  @Override
  public Transport transport() {
    return services.transport();
  }

  @Override
  public ClusterState cluster() {
    return services.cluster();
  }

  @Override
  public CompletableFuture<RecordMetadata> sendChangelog(String topic, int partition, byte[] key,
      byte[] value) {
    return services.sendInTransaction(topic, partition, key, value, null, null);
  }

  @Override
  public Collection<String> sourceTopics() {
    Set<String> topics = new LinkedHashSet<>();
    for (AgentRuntime<?, ?> a : app.agents()) {
      topics.addAll(a.topics());
    }
    return topics;
  }

  @Override
  public boolean stopRequested() {
    return app.stopRequested();
  }

  @Override
  public void fatal(String what, Throwable error) {
    app.fatal(what, error);
  }

  @Override
  public Delivery currentDelivery() {
    return EventContext.current();
  }

  @Override
  public Object currentValue() {
    return EventContext.currentValue();
  }

  // ---- the poll loop's events, for the tables -----------------------------------------------

  @Override
  public void onAssigned(Collection<org.apache.kafka.common.TopicPartition> partitions) {
    tables.onAssigned(partitions);
  }

  @Override
  public boolean ready(org.apache.kafka.common.TopicPartition partition) {
    return tables.ready(partition);
  }

  @Override
  public void onRevoked(Collection<org.apache.kafka.common.TopicPartition> partitions) {
    tables.onRevoked(partitions);
  }

  @Override
  public void beforeFlush() {
    tables.beforeFlush();
  }

  @Override
  public void beforeCommit() {
    tables.beforeCommit();
  }

  @Override
  public void afterCommit() {
    tables.afterCommit();
  }
}
