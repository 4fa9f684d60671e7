package dev.mephisto.harness.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a consumer group from outside: its committed offsets against the topics' end offsets.
 * One admin round trip per call; topics that do not exist yet are skipped.
 */
public final class GroupProgress {
  /**
   * Offsets at one moment.
   *
   * @param timeMillis when, epoch milliseconds
   * @param committed the group's committed offset per partition (absent: none yet)
   * @param ends the end offset (high watermark) per partition
   */
  public record Snapshot(long timeMillis, Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> ends) {
    /** @return the sum of committed offsets */
    public long committedTotal() {
      return committed.entrySet().stream().filter(e -> ends.containsKey(e.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
    }

    /** @return records behind, by end offsets (a transaction marker counts as one) */
    public long lag() {
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
        lag += Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L));
      }
      return lag;
    }

    /**
     * @param tp a partition
     * @return its committed offset, 0 if none
     */
    public long committed(TopicPartition tp) {
      return committed.getOrDefault(tp, 0L);
    }
  }

  private final Admin admin;
  private final String groupId;
  private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

  /**
   * @param admin an admin client
   * @param groupId the group (a Mephisto app's id)
   */
  public GroupProgress(Admin admin, String groupId) {
    this.admin = admin;
    this.groupId = groupId;
  }

  /**
   * @param topics the topics the group consumes
   * @return their offsets now
   */
  public Snapshot sample(Collection<String> topics) {
    List<TopicPartition> tps = partitionsOf(topics);
    Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
    tps.forEach(tp -> spec.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    if (!spec.isEmpty()) {
      Broker.get(admin.listOffsets(spec).all(), "list end offsets")
          .forEach((tp, info) -> ends.put(tp, info.offset()));
    }
    Map<TopicPartition, OffsetAndMetadata> c = Broker.get(
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
        "read the committed offsets of group '" + groupId + "'");
    Map<TopicPartition, Long> committed = new HashMap<>();
    c.forEach((tp, om) -> {
      if (om != null && ends.containsKey(tp)) {
        committed.put(tp, om.offset());
      }
    });
    return new Snapshot(System.currentTimeMillis(), committed, ends);
  }

  /**
   * @return the group's state and members (e.g. {@code Stable, 3 members})
   */
  public ConsumerGroupDescription describe() {
    return Broker.get(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId),
        "describe group '" + groupId + "'");
  }

  private List<TopicPartition> partitionsOf(Collection<String> topics) {
    List<String> unknown = topics.stream().filter(t -> !partitions.containsKey(t)).toList();
    if (!unknown.isEmpty()) {
      Set<String> existing = Broker.get(admin.listTopics().names(), "list topics");
      List<String> known = unknown.stream().filter(existing::contains).toList();
      if (!known.isEmpty()) {
        Map<String, TopicDescription> d =
            Broker.get(admin.describeTopics(known).allTopicNames(), "describe " + known);
        d.forEach((name, desc) -> partitions.put(name, desc.partitions().stream()
            .map(p -> new TopicPartition(name, p.partition())).toList()));
      }
    }
    return topics.stream().flatMap(t -> partitions.getOrDefault(t, List.of()).stream()).toList();
  }
}
