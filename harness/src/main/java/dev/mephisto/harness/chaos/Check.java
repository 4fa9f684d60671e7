package dev.mephisto.harness.chaos;

import java.util.List;

/**
 * One verdict of the chaos suite.
 *
 * @param name what was checked, e.g. {@code output topic (take batches)}
 * @param rule the pass rule, e.g. {@code every event exactly once}
 * @param passed whether it holds
 * @param expected how many events (or counts) were expected in total
 * @param lost how many are missing (events without output, counts below expected)
 * @param duplicates how many are extra (outputs more than once, counts above expected)
 * @param unexpected things that must not exist (unknown ids or keys, undecodable records, keys
 *     claimed by two workers)
 * @param examples a few of the differences, e.g. {@code acct-7: 41 of 42}
 */
public record Check(String name, String rule, boolean passed, long expected, long lost,
    long duplicates, long unexpected, List<String> examples) {

  /** Copies the list. */
  public Check {
    examples = List.copyOf(examples);
  }
}
