package dev.mephisto.core.internal;

import dev.mephisto.AppSettings;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.transport.TopicDefinition;
import dev.mephisto.internal.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The app's topics: the ones it declared (created on the broker at start, or as soon as they are
 * declared or first sent to after start), its internal ones (leader, repartition and dead-letter
 * topics), and the rules for names derived from them.
 */
final class AppTopics implements TopicImpl.TopicRegistry {
  private final AppSettings settings;
  private final AppServices services;
  private final String leaderTopic;
  private final BooleanSupplier started;
  private final Map<String, TopicImpl<?, ?>> topics = new LinkedHashMap<>();
  private final Set<String> declared = ConcurrentHashMap.newKeySet();

  /**
   * @param services shared services
   * @param leaderTopic the app's one-partition leader topic, created with the declared topics
   * @param started true once the app started: a topic declared then is created at once
   */
  AppTopics(AppServices services, String leaderTopic, BooleanSupplier started) {
    this.settings = services.settings();
    this.services = services;
    this.leaderTopic = leaderTopic;
    this.started = started;
  }

  <K, V> Topic<K, V> declare(String name, Class<K> keyType, Class<V> valueType) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Names.checkTopic("Topic name", name, "choose another name");
    TopicImpl<K, V> t = new TopicImpl<>(this, name, keyType, valueType);
    t.bind(register(t));
    return t;
  }

  @Override
  public AppServices services() {
    return services;
  }

  @Override
  public <K, V> Binding<K, V> register(TopicImpl<K, V> topic) {
    Binding<K, V> b = services.binding(topic.name(), topic.keyType(), topic.valueType(),
        topic.keyCodec(), topic.valueCodec());
    synchronized (topics) {
      topics.put(topic.name(), topic);
    }
    if (started.getAsBoolean()) {
      services.transport().ensureTopics(List.of(definition(topic)));
      declared.add(topic.name());
    }
    return b;
  }

  @Override
  public void beforeSend(TopicImpl<?, ?> topic) {
    if (!declared.contains(topic.name())) {
      services.transport().ensureTopics(List.of(definition(topic)));
      declared.add(topic.name());
    }
  }

  private TopicDefinition definition(TopicImpl<?, ?> t) {
    return new TopicDefinition(t.name(), t.partitions().orElse(settings.topicPartitions()),
        t.replicationFactor().orElse(settings.topicReplicationFactor()), t.creationConfigs());
  }

  /** @return the declared topics, by name */
  Map<String, Topic<?, ?>> all() {
    synchronized (topics) {
      return Map.copyOf(topics);
    }
  }

  /**
   * Creates the declared topics and the leader topic where missing.
   *
   * @return the partition count of each
   */
  Map<String, Integer> ensureDeclared() {
    List<TopicDefinition> defs = new ArrayList<>();
    synchronized (topics) {
      topics.values().forEach(t -> defs.add(definition(t)));
    }
    defs.add(new TopicDefinition(leaderTopic, 1, settings.topicReplicationFactor(), Map.of()));
    Map<String, Integer> partitions = services.transport().ensureTopics(defs);
    declared.addAll(partitions.keySet());
    return partitions;
  }

  /**
   * Creates the dead-letter topic of every topic an agent reads, with that topic's partitions.
   *
   * @param agents the app's agents
   * @param partitions partition counts already known, by topic
   */
  void ensureDeadLetterTopics(Collection<AgentRuntime<?, ?>> agents,
      Map<String, Integer> partitions) {
    List<TopicDefinition> dlqs = new ArrayList<>();
    for (AgentRuntime<?, ?> a : agents) {
      for (String topic : a.topics()) {
        Integer n = partitions.get(topic);
        dlqs.add(new TopicDefinition(services.deadLetterTopic(topic),
            n != null ? n : partitionsOf(topic), settings.topicReplicationFactor(), Map.of()));
      }
    }
    services.transport().ensureTopics(dlqs);
  }

  /** Creates an internal topic (e.g. repartition) and its dead-letter topic; see AgentHost. */
  <K, V> Binding<K, V> internalTopic(String topic, int partitions, Class<K> keyType,
      String keySpec, Class<V> valueType, String valueSpec) {
    Map<String, Integer> have = services.transport().ensureTopics(List.of(
        new TopicDefinition(topic, partitions, settings.topicReplicationFactor(), Map.of()),
        new TopicDefinition(services.deadLetterTopic(topic), partitions,
            settings.topicReplicationFactor(), Map.of())));
    Integer actual = have.get(topic);
    if (actual != null && actual != partitions) {
      // an existing topic of another size (made by hand, by an older version of the app, or by a
      // broker with auto.create.topics.enable when a client asked for it by name) would shard
      // what it feeds differently from its source: stop before any record is processed
      throw new dev.mephisto.ConfigurationException("Internal topic '" + topic + "' has "
          + actual + " partitions but the app needs " + partitions + " (the partitions of the "
          + "topic it repartitions, so that the tables it feeds stay co-partitioned); it existed "
          + "already (a broker with auto.create.topics.enable creates a topic a client asks for "
          + "with num.partitions): delete topic '" + topic + "' so that the app creates it with "
          + partitions + " partitions, or recreate it with " + partitions + " partitions");
    }
    return services.binding(topic, keyType, valueType, Optional.of(keySpec),
        Optional.of(valueSpec));
  }

  /** @return the topic's partition count on the broker, else the default */
  int partitionsOf(String topic) {
    return services.transport().partitions(topic).orElse(settings.topicPartitions());
  }

  /** @return the binding of a topic of this app, or a new one for a topic made elsewhere */
  <K, V> Binding<K, V> bindingOf(Topic<K, V> topic) {
    if (topic instanceof TopicImpl<K, V> t) {
      return t.binding();
    }
    return services.binding(topic.name(), topic.keyType(), topic.valueType(), topic.keyCodec(),
        topic.valueCodec());
  }

  /** Checks what a table's name makes: its changelog topic. */
  void checkChangelogName(String table) {
    Names.checkTopic("Changelog topic of table '" + table + "'",
        settings.id() + "-" + table + "-changelog", "give the table a shorter name");
  }
}
