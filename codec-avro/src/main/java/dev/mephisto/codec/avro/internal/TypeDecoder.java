package dev.mephisto.codec.avro.internal;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The decode plans of one target type, by schema id. A type usually meets one to three ids, so a
 * copy-on-write array scanned linearly beats a map and does not box the id.
 */
final class TypeDecoder {
  private volatile DecodePlan[] plans = new DecodePlan[0];
  private final ReentrantLock lock = new ReentrantLock();

  /** @return the plan for the id, or null */
  DecodePlan find(int id) {
    for (DecodePlan p : plans) {
      if (p.id == id) {
        return p;
      }
    }
    return null;
  }

  /** @return the plan for the id, built with {@code builder} once */
  DecodePlan findOrBuild(int id, java.util.function.IntFunction<DecodePlan> builder) {
    lock.lock();
    try {
      DecodePlan p = find(id);
      if (p == null) {
        p = builder.apply(id);
        DecodePlan[] next = Arrays.copyOf(plans, plans.length + 1);
        next[plans.length] = p;
        plans = next;
      }
      return p;
    } finally {
      lock.unlock();
    }
  }
}
