package dev.mephisto.core.internal.transport;

import java.util.Map;

/**
 * A topic to create when missing.
 *
 * @param name topic name
 * @param partitions partition count
 * @param replicationFactor replicas; -1 for the broker's default
 * @param configs topic configs as Kafka names them
 */
public record TopicDefinition(
    String name, int partitions, int replicationFactor, Map<String, String> configs) {
  /** Copies the configs. */
  public TopicDefinition {
    configs = Map.copyOf(configs);
  }
}
