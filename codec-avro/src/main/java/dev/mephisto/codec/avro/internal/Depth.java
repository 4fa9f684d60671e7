package dev.mephisto.codec.avro.internal;

/**
 * Counts how deeply records are nested in the message being read on this thread, for the readers
 * of types that can nest without end (recursive records, and Avro's own datum readers, which
 * follow the writer's schema). Types that cannot recurse are as deep as their schema and are not
 * counted, so the usual record pays nothing.
 */
final class Depth {
  private static final ThreadLocal<int[]> LEVEL = ThreadLocal.withInitial(() -> new int[1]);

  private Depth() {}

  /**
   * Enters one record; pair with {@link #exit(int[])} in a {@code finally}.
   *
   * @param max the deepest nesting allowed
   * @return the counter to pass to {@link #exit(int[])}
   * @throws FieldError when the record would be nested deeper than {@code max}
   */
  static int[] enter(int max) {
    int[] level = LEVEL.get();
    if (level[0] >= max) {
      throw FieldError.of("nests records more than " + max + " deep, the limit of codec setting '"
          + AvroLimits.MAX_DEPTH + "'");
    }
    level[0]++;
    return level;
  }

  /** @param level what {@link #enter(int)} returned */
  static void exit(int[] level) {
    level[0]--;
  }

  /** A read that may throw what a decoder throws. */
  @FunctionalInterface
  interface Read {
    Object read() throws java.io.IOException;
  }

  /**
   * @param max the deepest nesting allowed
   * @param read reads one record
   * @return what it read, counted one level deeper
   * @throws java.io.IOException what the read throws
   */
  static Object counted(int max, Read read) throws java.io.IOException {
    int[] level = enter(max);
    try {
      return read.read();
    } finally {
      exit(level);
    }
  }
}
