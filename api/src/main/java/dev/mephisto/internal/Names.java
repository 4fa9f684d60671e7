package dev.mephisto.internal;

import dev.mephisto.ConfigurationException;
import java.util.Optional;

/**
 * Kafka's rules for topic names, shared by every name that becomes part of one: topics, the
 * dead-letter suffix, table names (changelogs), agent and repartition names, the app id.
 *
 * <p>A legal name is 1 to {@value #MAX_TOPIC_LENGTH} ASCII letters, digits, {@code '.'}, {@code
 * '_'} or {@code '-'}, and neither {@code "."} nor {@code ".."} (as Kafka's {@code
 * org.apache.kafka.common.internals.Topic#validate}).
 */
public final class Names {
  /** The longest topic name Kafka accepts. */
  public static final int MAX_TOPIC_LENGTH = 249;

  private Names() {}

  /**
   * @param name a topic name
   * @return why Kafka would refuse it, or empty if it is legal
   */
  public static Optional<String> topicProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("it is empty");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("'.' and '..' are not allowed");
    }
    if (name.length() > MAX_TOPIC_LENGTH) {
      return Optional.of("it has " + name.length() + " characters, more than Kafka's "
          + MAX_TOPIC_LENGTH);
    }
    int bad = firstIllegalChar(name);
    if (bad >= 0) {
      return Optional.of("character '" + name.charAt(bad) + "' at position " + bad
          + " is not a letter, digit, '.', '_' or '-'");
    }
    return Optional.empty();
  }

  /**
   * @param part a piece of a topic name (suffix, table or agent name)
   * @return the index of its first character Kafka refuses in topic names, or -1
   */
  public static int firstIllegalChar(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '.' || c == '_' || c == '-';
      if (!ok) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Fails unless {@code name} is a legal Kafka topic name.
   *
   * @param what what the name is, e.g. {@code "Topic name"} or {@code "Changelog topic of table
   *     'counts'"}
   * @param name the name
   * @param remedy what to do, e.g. {@code "give the table a shorter name"}
   * @throws ConfigurationException naming the value, the rule it breaks and the remedy
   */
  public static void checkTopic(String what, String name, String remedy) {
    Optional<String> problem = topicProblem(name);
    if (problem.isPresent()) {
      throw new ConfigurationException(what + " '" + name + "' is not a legal Kafka topic name: "
          + problem.get() + "; expected 1 to " + MAX_TOPIC_LENGTH + " letters, digits, '.', '_' "
          + "or '-', and not '.' or '..'; " + remedy);
    }
  }
}
