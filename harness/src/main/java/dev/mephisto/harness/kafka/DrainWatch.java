package dev.mephisto.harness.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells whether a group processed everything on its topics: its committed offsets reach the end
 * offsets, or — on transactional topics, whose end offsets count transaction markers and aborted
 * records — a {@code read_committed} reader sees no record after them.
 */
public final class DrainWatch {
  private final Broker broker;
  private final GroupProgress progress;
  private final List<String> topics;

  /**
   * @param broker the cluster
   * @param groupId the group
   * @param topics the topics it consumes, its input first
   */
  public DrainWatch(Broker broker, String groupId, List<String> topics) {
    this.broker = broker;
    this.progress = new GroupProgress(broker.admin(), groupId);
    this.topics = List.copyOf(topics);
  }

  /** @return the first topic: the input */
  public String input() {
    return topics.get(0);
  }

  /** @return the group's offsets now */
  public GroupProgress.Snapshot sample() {
    return progress.sample(topics);
  }

  /** @return the group's progress watcher */
  public GroupProgress progress() {
    return progress;
  }

  /**
   * @param s a sample
   * @return whether no record is left to process as of that sample
   */
  public boolean drained(GroupProgress.Snapshot s) {
    Map<TopicPartition, Long> behind = new HashMap<>();
    s.ends().forEach((tp, end) -> {
      long c = s.committed(tp);
      if (c < end) {
        behind.put(tp, c);
      }
    });
    return behind.isEmpty()
        || TopicReader.visibleAfter(broker, behind, 1, Duration.ofSeconds(30)) == 0;
  }
}
