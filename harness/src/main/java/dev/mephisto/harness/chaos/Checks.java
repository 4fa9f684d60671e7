package dev.mephisto.harness.chaos;

import dev.mephisto.ProcessingGuarantee;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToIntFunction;

/**
 * The rules, as pure functions of what was expected and what was read back. At-least-once: nothing
 * below expected (no event without its output, no count too low) and nothing unknown; extra
 * outputs and counts are duplicates, counted and reported. Exactly-once: everything exact.
 */
public final class Checks {
  private static final int EXAMPLES = 10;

  private Checks() {}

  /**
   * @param name what is checked
   * @param counts how often each event id was read (index = id)
   * @param unexpected records with an unknown id or that could not be decoded
   * @param g the guarantee
   * @return the check
   */
  public static Check perEvent(String name, int[] counts, long unexpected, ProcessingGuarantee g) {
    return perEvent(name, counts, unexpected, g, id -> -1);
  }

  /**
   * @param name what is checked
   * @param counts how often each event id was read (index = id)
   * @param unexpected records with an unknown id or that could not be decoded
   * @param g the guarantee
   * @param partitionOf the input partition of an event, for the examples (-1: unknown)
   * @return the check; its examples list missing events first, as runs of consecutive ids, and
   *     how many are missing per input partition
   */
  public static Check perEvent(String name, int[] counts, long unexpected, ProcessingGuarantee g,
      LongToIntFunction partitionOf) {
    long lost = 0;
    long dup = 0;
    List<String> runs = new ArrayList<>();
    List<String> dups = new ArrayList<>();
    Map<Integer, Long> lostPerPartition = new TreeMap<>();
    int runStart = -1;
    int runCount = 0;
    for (int id = 0; id <= counts.length; id++) {
      int n = id < counts.length ? counts[id] : 1;
      if (n == 0) {
        lost++;
        lostPerPartition.merge(partitionOf.applyAsInt(id), 1L, Long::sum);
        if (runStart < 0) {
          runStart = id;
        }
        continue;
      }
      if (runStart >= 0) {
        runCount++;
        if (runs.size() < EXAMPLES) {
          runs.add(id - runStart == 1 ? ChaosData.key(runStart) + ": 0 times"
              : ChaosData.key(runStart) + " to " + ChaosData.key(id - 1) + ": 0 times ("
                  + (id - runStart) + " events)");
        }
        runStart = -1;
      }
      if (n > 1) {
        dup += n - 1;
        if (dups.size() < EXAMPLES) {
          dups.add(ChaosData.key(id) + ": " + n + " times");
        }
      }
    }
    List<String> examples = new ArrayList<>(runs);
    if (lost > 0) {
      examples.add(lost + " missing events in " + runCount + " runs of consecutive ids; per input "
          + "partition: " + lostPerPartition);
    }
    dups.stream().limit(Math.max(0, EXAMPLES - runs.size())).forEach(examples::add);
    return verdict(name, g, counts.length, lost, dup, unexpected, examples,
        "every event", "once");
  }

  /**
   * @param name what is checked
   * @param expected expected value per key
   * @param actual value read per key
   * @param extraUnexpected more things that must not exist (e.g. keys two workers claimed)
   * @param g the guarantee
   * @return the check
   */
  public static Check perKey(String name, Map<String, Long> expected, Map<String, Long> actual,
      long extraUnexpected, ProcessingGuarantee g) {
    long lost = 0;
    long dup = 0;
    long unexpected = extraUnexpected;
    long total = 0;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<String, Long> e : new TreeMap<>(expected).entrySet()) {
      long want = e.getValue();
      long got = actual.getOrDefault(e.getKey(), 0L);
      total += want;
      if (got < want) {
        lost += want - got;
      } else if (got > want) {
        dup += got - want;
      }
      if (got != want && examples.size() < EXAMPLES) {
        examples.add(e.getKey() + ": " + got + " of " + want);
      }
    }
    for (Map.Entry<String, Long> a : new TreeMap<>(actual).entrySet()) {
      if (!expected.containsKey(a.getKey())) {
        unexpected++;
        if (examples.size() < EXAMPLES) {
          examples.add(a.getKey() + ": " + a.getValue() + " but no event has this key");
        }
      }
    }
    return verdict(name, g, total, lost, dup, unexpected, examples, "every count", "exact");
  }

  /**
   * @param records records in the run's dead-letter topics
   * @param examples a few of them
   * @return the check: the input is valid, so nothing may be dead-lettered
   */
  public static Check deadLetters(long records, List<String> examples) {
    return new Check("dead-letter topics", "empty (the input holds no bad record)", records == 0,
        0, 0, 0, records, examples);
  }

  /**
   * @param drained whether the group processed everything before the drain timeout
   * @param detail what was left
   * @return the check
   */
  public static Check drained(boolean drained, String detail) {
    return new Check("everything processed", "the group's lag reaches 0 before --drain-timeout",
        drained, 0, 0, 0, 0, drained ? List.of() : List.of(detail));
  }

  private static Check verdict(String name, ProcessingGuarantee g, long expected, long lost,
      long dup, long unexpected, List<String> examples, String subject, String exactWord) {
    boolean eos = g == ProcessingGuarantee.EXACTLY_ONCE;
    boolean passed = lost == 0 && unexpected == 0 && (!eos || dup == 0);
    String rule = eos ? subject + " " + exactWord + ", nothing unknown"
        : subject + " at least " + ("once".equals(exactWord) ? "once" : "as expected")
            + ", nothing unknown (duplicates reported)";
    return new Check(name, rule, passed, expected, lost, dup, unexpected, examples);
  }
}
