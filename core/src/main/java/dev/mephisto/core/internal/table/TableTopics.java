package dev.mephisto.core.internal.table;

import dev.mephisto.ConfigurationException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How a table gets its partition count, and the errors when it does not fit the topics feeding
 * it.
 *
 * <p>The count is, first found: {@code TableSpec.withPartitions(n)}; the partition count of the
 * table's changelog if it exists (the data is sharded that way); the partition count of the
 * topics the app's agents consume when they all agree (when they disagree: the app's {@code
 * topicPartitions} if one of them has it, else the largest); the app's {@code topicPartitions}.
 *
 * <p>The topic feeding a table is the topic of the records during whose processing it is
 * written. At start every table (not global) must have the partition count of at least one topic
 * its app's agents consume, else no agent can feed it co-partitioned and start fails; the first
 * write from a topic of another count fails the worker, naming both counts.
 */
final class TableTopics {
  private TableTopics() {}

  /**
   * @param declared the count from the table's spec
   * @param existing the count of its changelog, if it exists
   * @param sources partition counts of the topics the app's agents consume
   * @param defaultCount the app's {@code topicPartitions}
   * @return the table's partition count
   */
  static int partitions(OptionalInt declared, OptionalInt existing, Map<String, Integer> sources,
      int defaultCount) {
    if (declared.isPresent()) {
      return declared.getAsInt();
    }
    if (existing.isPresent()) {
      return existing.getAsInt();
    }
    if (sources.isEmpty()) {
      return defaultCount;
    }
    var counts = sources.values().stream().collect(Collectors.toSet());
    if (counts.size() == 1 || counts.contains(defaultCount)) {
      return counts.size() == 1 ? counts.iterator().next() : defaultCount;
    }
    return counts.stream().mapToInt(Integer::intValue).max().orElse(defaultCount);
  }

  /**
   * Checks a table's count at start.
   *
   * @param table table name
   * @param count its partition count
   * @param changelog its changelog topic
   * @param existing the changelog's partition count, if it exists
   * @param sources partition counts of the topics the app's agents consume
   * @throws ConfigurationException naming both counts and what to do
   */
  static void check(String table, int count, String changelog, OptionalInt existing,
      Map<String, Integer> sources) {
    if (existing.isPresent() && existing.getAsInt() != count) {
      throw new ConfigurationException("Table '" + table + "' has " + count + " partitions but "
          + "its changelog '" + changelog + "' has " + existing.getAsInt() + "; the changelog "
          + "holds the table sharded that way: declare the table withPartitions("
          + existing.getAsInt() + "), or delete the changelog (the table starts empty)");
    }
    if (!sources.isEmpty() && !sources.containsValue(count)) {
      Map<String, Integer> sorted = new TreeMap<>(sources);
      if (sorted.size() == 1) {
        var e = sorted.entrySet().iterator().next();
        throw mismatch(table, count, changelog, e.getKey(), e.getValue());
      }
      throw new ConfigurationException("Table '" + table + "' has " + count + " partitions but "
          + "none of the topics its app's agents consume has as many: " + sorted + "; a table is "
          + "sharded like the topic that feeds it: declare the table withPartitions(n) for the "
          + "topic that feeds it, or recreate that topic with " + count + " partitions");
    }
  }

  /**
   * @return the error for a table fed by a topic of another partition count
   */
  static ConfigurationException mismatch(String table, int count, String changelog, String topic,
      int topicCount) {
    return new ConfigurationException("Table '" + table + "' has " + count + " partitions but "
        + "topic '" + topic + "' feeding it has " + topicCount + "; a table is sharded like the "
        + "topic that feeds it: declare the table withPartitions(" + topicCount + ") (and delete "
        + "its changelog '" + changelog + "' if it exists), or recreate topic '" + topic
        + "' with " + count + " partitions");
  }
}
