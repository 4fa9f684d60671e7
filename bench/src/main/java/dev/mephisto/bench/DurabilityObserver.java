package dev.mephisto.bench;

import dev.mephisto.testkit.KafkaTestClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides, from outside the implementation and the same way for all three, when a run's result is
 * durable: it reads the broker through an admin client only (committed group offsets, end
 * offsets), never the implementation's own counters.
 *
 * <p>A run is durable when
 *
 * <ul>
 *   <li>the first consumer group of the implementation ({@link WorkloadRunner#groups}), and any
 *       other that committed input offsets, has committed every partition of the input topic at
 *       its end offset — the final commit included;
 *   <li>every other partition such a group has committed (repartition topics) is committed at its
 *       end offset, and together they hold at least {@code minOtherCommitted} records, so a second
 *       stage that has not committed yet does not pass;
 *   <li>for workloads with an output topic, the output's end offsets sum to at least the expected
 *       output records (every output acknowledged by the broker).
 * </ul>
 *
 * <p>Each implementation commits offsets only after its outputs are acknowledged and its changelog
 * and store are written (Kafka Streams and Mephisto flush caches and stores before committing; the
 * raw loops flush the producer, the changelog and the store, then {@code commitSync}), so the
 * committed offsets cover the changelog and the store too. {@link #changelogRecords} reads the
 * changelogs' end offsets at that moment so the harness can check they were written.
 */
final class DurabilityObserver {
  private final KafkaTestClient client;
  private final RunContext ctx;
  private final List<String> groups;
  private final Map<TopicPartition, Long> inputEnds;
  private final long outputTarget;
  private final long minOtherCommitted;
  private String lastState = "nothing checked yet";

  /**
   * @param ctx the run
   * @param groups consumer groups of the implementation whose commits mark durability
   * @param outputTarget records the output topic must hold, 0 for workloads without output
   * @param minOtherCommitted records the groups must have committed on topics other than the input
   */
  DurabilityObserver(RunContext ctx, List<String> groups, long outputTarget, long minOtherCommitted) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("no consumer group to observe for " + ctx.name("run"));
    }
    this.ctx = ctx;
    this.client = ctx.client();
    this.groups = List.copyOf(groups);
    this.inputEnds = client.endOffsets(ctx.dataset().inputTopic());
    this.outputTarget = outputTarget;
    this.minOtherCommitted = minOtherCommitted;
  }

  /** @return true if the result is durable now (one round of admin calls) */
  boolean durable() {
    long otherCommitted = 0;
    Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
    for (String group : groups) {
      Map<TopicPartition, Long> committed = client.committedOffsets(group);
      // A group that reads the input (it committed one of its partitions) must have committed all
      // of them at their end; a second-stage group reads only intermediate topics.
      boolean readsInput = committed.keySet().stream().anyMatch(inputEnds::containsKey)
          || group.equals(groups.get(0));
      for (Map.Entry<TopicPartition, Long> input : readsInput ? inputEnds.entrySet()
          : Set.<Map.Entry<TopicPartition, Long>>of()) {
        Long c = committed.get(input.getKey());
        if (c == null || c < input.getValue()) {
          lastState = String.format("group '%s' committed %s of input partition %s (end %d)",
              group, c == null ? "nothing" : c, input.getKey(), input.getValue());
          return false;
        }
      }
      for (Map.Entry<TopicPartition, Long> c : committed.entrySet()) {
        TopicPartition tp = c.getKey();
        if (inputEnds.containsKey(tp)) {
          continue;
        }
        long end = ends.computeIfAbsent(tp.topic(), client::endOffsets).getOrDefault(tp, 0L);
        if (c.getValue() < end) {
          lastState = String.format("group '%s' committed %d of %s (end %d)", group, c.getValue(), tp, end);
          return false;
        }
        otherCommitted += c.getValue();
      }
    }
    if (otherCommitted < minOtherCommitted) {
      lastState = String.format("%,d of %,d records committed on intermediate topics",
          otherCommitted, minOtherCommitted);
      return false;
    }
    if (outputTarget > 0) {
      long output = sum(client.endOffsets(ctx.outputTopic()));
      if (output < outputTarget) {
        lastState = String.format("%,d of %,d output records acknowledged", output, outputTarget);
        return false;
      }
    }
    lastState = "durable";
    return true;
  }

  /** @return what the last check saw, for progress lines and timeouts */
  String lastState() {
    return lastState;
  }

  /**
   * @return records in the run's changelog topics now (topics of this run whose name contains
   *     {@code changelog}), summed
   */
  long changelogRecords() {
    String prefix = ctx.name("");
    long total = 0;
    for (String topic : client.topics()) {
      if (topic.startsWith(prefix) && topic.contains("changelog")) {
        total += sum(client.endOffsets(topic));
      }
    }
    return total;
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }
}
