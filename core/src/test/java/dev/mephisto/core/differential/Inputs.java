package dev.mephisto.core.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Randomised input for the differential tests: keyed events with event times that mostly
 * advance, some out of order within the grace, some later than the grace.
 */
final class Inputs {
  /** Event times start here, far from 0 (Kafka Streams treats times below a window specially). */
  static final long T0 = 1_700_000_000_000L;

  /**
   * One event.
   *
   * @param side 0 for the left (or only) stream, 1 for the right
   * @param key its key
   * @param value its value, unique in the input
   * @param time its event time
   */
  record Event(int side, String key, String value, long time) {}

  private Inputs() {}

  /**
   * @param seed the random seed
   * @param n how many events
   * @param keys how many distinct keys
   * @param sides 1 for one stream, 2 for the two sides of a join
   * @param step the largest advance of time between events
   * @param grace the grace: out-of-order events fall within it, late ones beyond it
   * @param lateBy how much further back than the grace late events are
   * @return the events in the order they are sent
   */
  static List<Event> generate(long seed, int n, int keys, int sides, int step, long grace,
      long lateBy) {
    Random r = new Random(seed);
    List<Event> out = new ArrayList<>(n);
    long now = T0;
    for (int i = 0; i < n; i++) {
      now += r.nextInt(step);
      long t = now;
      int dice = r.nextInt(100);
      if (dice < 20) {
        t = now - r.nextLong(Math.max(1, grace)); // out of order, within the grace
      } else if (dice < 25) {
        t = now - grace - lateBy - r.nextLong(1_000); // late, beyond the grace
      }
      int side = sides == 1 ? 0 : r.nextInt(2);
      out.add(new Event(side, "k" + r.nextInt(keys), (side == 0 ? "L" : "R") + i, t));
    }
    return out;
  }
}
