package dev.mephisto.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Whether a run computed the right result.
 *
 * @param ok true if every check passed
 * @param message what was checked, or the first thing that was wrong
 */
public record Verdict(boolean ok, String message) {

  /**
   * @param message what was checked
   * @return a passing verdict
   */
  public static Verdict ok(String message) {
    return new Verdict(true, message);
  }

  /**
   * @param message what was wrong, with expected and actual values
   * @return a failing verdict
   */
  public static Verdict failed(String message) {
    return new Verdict(false, message);
  }

  /**
   * @param what e.g. {@code "records"}
   * @param expected expected number
   * @param actual actual number
   * @return ok if equal, else a message with both
   */
  public static Verdict equal(String what, long expected, long actual) {
    return expected == actual
        ? ok(what + " = " + actual)
        : failed(what + " expected " + expected + " but was " + actual);
  }

  /**
   * @param what what was counted
   * @param minimum the least that is right
   * @param actual what was seen
   * @return ok if {@code actual >= minimum}
   */
  public static Verdict atLeast(String what, long minimum, long actual) {
    return actual >= minimum
        ? ok(String.format(Locale.ROOT, "%s %,d", what, actual))
        : failed(String.format(Locale.ROOT, "%s was %,d but it should be at least %,d", what, actual, minimum));
  }

  /**
   * Compares two tables entry by entry.
   *
   * @param what e.g. {@code "count per key"}
   * @param expected expected table
   * @param actual actual table
   * @param <K> key type
   * @return ok if equal, else how many entries differ and the first one
   */
  public static <K extends Comparable<K>> Verdict sameTable(
      String what, Map<K, Long> expected, Map<K, Long> actual) {
    if (expected.equals(actual)) {
      long total = actual.values().stream().mapToLong(Long::longValue).sum();
      return ok(what + ": " + actual.size() + " entries, total " + total);
    }
    TreeSet<K> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    int differing = 0;
    String first = null;
    for (K key : keys) {
      Long e = expected.get(key);
      Long a = actual.get(key);
      if (!Objects.equals(e, a)) {
        differing++;
        if (first == null) {
          first = "'" + key + "' expected " + e + " but was " + a;
        }
      }
    }
    long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
    long actualTotal = actual.values().stream().mapToLong(Long::longValue).sum();
    return failed(
        what + ": " + differing + " of " + keys.size() + " entries differ, e.g. " + first
            + "; total expected " + expectedTotal + " but was " + actualTotal);
  }

  /**
   * @param other the next check
   * @return this if it failed, else other if it failed, else both messages
   */
  public Verdict and(Verdict other) {
    if (!ok) {
      return this;
    }
    if (!other.ok) {
      return other;
    }
    return ok(message + "; " + other.message);
  }
}
