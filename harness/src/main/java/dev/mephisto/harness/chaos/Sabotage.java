package dev.mephisto.harness.chaos;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deliberate faults a worker can be told to make (never by default), to prove that each check of
 * the chaos suite fails when what it checks is broken. Each fault hits the events whose id is
 * {@code n} modulo 1000 (the dead letter: event 7 alone).
 */
public enum Sabotage {
  /** The batch agent does not send events 1, 1001, ... to the output topic. */
  LOSE_OUTPUT(1),
  /** The batch agent sends events 2, 1002, ... twice. */
  DUPLICATE_OUTPUT(2),
  /** Events 3, 1003, ... are not echoed. */
  LOSE_ECHO(3),
  /** The counter does not count events 4, 1004, ... in the RocksDB table. */
  UNDERCOUNT_ROCKSDB(4),
  /** The counter counts events 5, 1005, ... twice in the memory table. */
  OVERCOUNT_MEMORY(5),
  /** The counter does not count events 6, 1006, ... in the windowed table. */
  LOSE_WINDOW(6),
  /** The echo agent throws on event 7: it goes to the dead-letter topic. */
  DEAD_LETTER(7);

  private final int residue;

  Sabotage(int residue) {
    this.residue = residue;
  }

  /**
   * @param id an event
   * @return whether this fault hits it
   */
  public boolean hits(long id) {
    return this == DEAD_LETTER ? id == residue : id % 1000 == residue;
  }

  /** @return the name on the command line, e.g. {@code lose-output} */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @param text comma-separated names, or empty
   * @return the faults
   */
  public static Set<Sabotage> parse(String text) {
    Set<Sabotage> out = EnumSet.noneOf(Sabotage.class);
    for (String s : text.split(",")) {
      String t = s.trim();
      if (t.isEmpty()) {
        continue;
      }
      out.add(Arrays.stream(values()).filter(v -> v.optionName().equals(t)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--sabotage was '" + t
              + "' but it should be one of " + Arrays.stream(values()).map(Sabotage::optionName)
                  .collect(Collectors.joining(", ")))));
    }
    return out;
  }

  /**
   * @param set faults
   * @return their option names, comma-separated
   */
  public static String format(Set<Sabotage> set) {
    return set.stream().map(Sabotage::optionName).collect(Collectors.joining(","));
  }
}
