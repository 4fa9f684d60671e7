package dev.mephisto.core.internal.table;

import dev.mephisto.core.internal.state.SortableBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Store and changelog key layouts of windowed and set tables: {@code [length of k][k][suffix]},
 * where {@code k} is the table key in the table's key codec. The length prefix keeps every key's
 * entries in one contiguous range, whatever its bytes. Plain tables store {@code k} alone, exactly
 * as Faust writes its changelog.
 *
 * <p>Windows use an 8-byte suffix, the window start in epoch milliseconds with the sign bit
 * flipped so that unsigned byte order is time order. Set tables use the element's bytes.
 */
final class KeyBytes {
  /**
   * The key of a partition's "windows closed up to" marker. A length prefix is at most {@code
   * 0x7FFFFFFF}, so no entry key starts with {@code 0xFF}.
   */
  static final byte[] CLOSED_MARKER = marker("closed-up-to");

  private KeyBytes() {}

  private static byte[] marker(String name) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[4 + n.length];
    Arrays.fill(b, 0, 4, (byte) 0xFF);
    System.arraycopy(n, 0, b, 4, n.length);
    return b;
  }

  /**
   * @param key a key of a windowed or set table's store
   * @return true for markers and local entries ({@code 0xFF}, {@code 0xFE}: indexes), not entries
   */
  static boolean isMarker(byte[] key) {
    return key.length >= 2 && (key[0] & 0xFF) >= 0xFE;
  }

  /**
   * @param k table key bytes
   * @return {@code [length][k]}
   */
  static byte[] prefix(byte[] k) {
    return composite(k, null, 0);
  }

  /**
   * @param k table key bytes
   * @param suffix element bytes
   * @return {@code [length][k][suffix]}
   */
  static byte[] composite(byte[] k, byte[] suffix) {
    return composite(k, suffix, suffix.length);
  }

  private static byte[] composite(byte[] k, byte[] suffix, int suffixLength) {
    byte[] b = new byte[4 + k.length + suffixLength];
    putInt(b, 0, k.length);
    System.arraycopy(k, 0, b, 4, k.length);
    if (suffix != null) {
      System.arraycopy(suffix, 0, b, 4 + k.length, suffixLength);
    }
    return b;
  }

  /**
   * @param k table key bytes
   * @param startMillis window start
   * @return the window's entry key
   */
  static byte[] window(byte[] k, long startMillis) {
    byte[] b = new byte[4 + k.length + 8];
    putInt(b, 0, k.length);
    System.arraycopy(k, 0, b, 4, k.length);
    SortableBytes.putTime(b, 4 + k.length, startMillis);
    return b;
  }

  /**
   * @param k table key bytes
   * @param end the session's last event time
   * @param start its first event time
   * @return the session's entry key {@code [length][k][end][start]}: a key's sessions in end order
   */
  static byte[] session(byte[] k, long end, long start) {
    byte[] b = new byte[4 + k.length + 16];
    putInt(b, 0, k.length);
    System.arraycopy(k, 0, b, 4, k.length);
    SortableBytes.putTime(b, 4 + k.length, end);
    SortableBytes.putTime(b, 12 + k.length, start);
    return b;
  }

  /**
   * @param entry a session entry key
   * @return the session's last event time
   */
  static long sessionEnd(byte[] entry) {
    return SortableBytes.getTime(entry, entry.length - 16);
  }

  /**
   * @param entry a composite entry key
   * @return the table key bytes in it
   */
  static byte[] tableKey(byte[] entry) {
    int n = getInt(entry, 0);
    return Arrays.copyOfRange(entry, 4, 4 + n);
  }

  /**
   * @param entry a composite entry key
   * @return the suffix bytes (set element)
   */
  static byte[] suffix(byte[] entry) {
    return Arrays.copyOfRange(entry, 4 + getInt(entry, 0), entry.length);
  }

  /**
   * @param entry a window entry key
   * @return the window start in epoch milliseconds
   */
  static long windowStart(byte[] entry) {
    return SortableBytes.getTime(entry, entry.length - 8);
  }

  /**
   * @param prefix a key prefix
   * @return the smallest key greater than every key that starts with {@code prefix}
   */
  static byte[] successor(byte[] prefix) {
    byte[] b = prefix.clone();
    for (int i = b.length - 1; i >= 0; i--) {
      if (b[i] != (byte) 0xFF) {
        b[i]++;
        return Arrays.copyOf(b, i + 1);
      }
    }
    // all 0xFF: nothing sorts after it except longer keys, which the caller never stores
    byte[] longer = Arrays.copyOf(prefix, prefix.length + 1);
    longer[prefix.length] = (byte) 0xFF;
    return longer;
  }

  /**
   * @param v a long
   * @return it in 8 big-endian bytes
   */
  static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    SortableBytes.putLong(b, 0, v);
    return b;
  }

  /**
   * @param b 8 big-endian bytes
   * @return the long
   */
  static long longOf(byte[] b) {
    return SortableBytes.getLong(b, 0);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }
}
