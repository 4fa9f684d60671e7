package dev.mephisto.core.internal.state;

/**
 * Big-endian numbers in key bytes. A time stored with {@link #putTime} sorts, in unsigned byte
 * order, as the time sorts (the sign bit flipped), so ranges of keys are ranges of time.
 */
public final class SortableBytes {
  private SortableBytes() {}

  /**
   * @param b the array
   * @param at where the 8 bytes start
   * @param v the value, big-endian
   */
  public static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  /**
   * @param b the array
   * @param at where the 8 bytes start
   * @return the big-endian value there
   */
  public static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  /**
   * @param b the array
   * @param at where the 8 bytes start
   * @param millis a time, stored so that byte order is time order
   */
  public static void putTime(byte[] b, int at, long millis) {
    putLong(b, at, millis ^ Long.MIN_VALUE);
  }

  /**
   * @param b the array
   * @param at where the 8 bytes start
   * @return the time stored there by {@link #putTime}
   */
  public static long getTime(byte[] b, int at) {
    return getLong(b, at) ^ Long.MIN_VALUE;
  }
}
