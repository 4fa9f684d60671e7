package dev.mephisto.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Checks that bytes are well-formed UTF-8 as RFC 3629 defines it: no overlong forms ({@code C0 AF}
 * for {@code /}, {@code C0 80} for NUL), no UTF-16 surrogates ({@code ED A0 80}), nothing above
 * U+10FFFF, no cut sequences. {@code new String(bytes, UTF_8)} replaces such bytes with U+FFFD
 * without a word, so a decoder that must reject them checks first:
 *
 * <pre>{@code
 * int bad = StrictUtf8.firstInvalid(data, 0, data.length);
 * if (bad >= 0) {
 *   throw new CodecException("... byte " + bad + " is not valid UTF-8");
 * }
 * String text = new String(data, StandardCharsets.UTF_8);
 * }</pre>
 *
 * <p>ASCII is checked eight bytes at a time, so text that is mostly ASCII costs little.
 */
public final class StrictUtf8 {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private StrictUtf8() {}

  /**
   * @param data bytes
   * @param offset where to start
   * @param length how many bytes to check
   * @return the index (in {@code data}) of the first byte of the first ill-formed sequence, or -1
   *     when all {@code length} bytes are well-formed UTF-8
   */
  public static int firstInvalid(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    int i = offset;
    int end = offset + length;
    while (i < end) {
      // ASCII runs, 16 then 8 bytes at a time: most text a codec sees is ASCII
      while (end - i >= 16
          && ((((long) LONGS.get(data, i)) | ((long) LONGS.get(data, i + 8))) & HIGH_BITS) == 0) {
        i += 16;
      }
      if (end - i >= 8 && (((long) LONGS.get(data, i)) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      if (i >= end) {
        break;
      }
      int b = data[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int n = sequenceLength(data, i, end);
      if (n < 0) {
        return i;
      }
      i += n;
    }
    return -1;
  }

  /**
   * Decodes well-formed UTF-8.
   *
   * @param data bytes
   * @param offset where the text starts
   * @param length its length in bytes
   * @return the text
   * @throws IllegalArgumentException naming the index of the first ill-formed byte
   */
  public static String decode(byte[] data, int offset, int length) {
    int bad = firstInvalid(data, offset, length);
    if (bad >= 0) {
      throw new IllegalArgumentException(describe(data, bad, offset + length));
    }
    return new String(data, offset, length, StandardCharsets.UTF_8);
  }

  /**
   * @param data bytes
   * @param at the index {@link #firstInvalid} returned
   * @param end where the checked bytes end
   * @return e.g. {@code "byte 3 (0xc0 0xaf) is not well-formed UTF-8 (an overlong form)"}
   */
  public static String describe(byte[] data, int at, int end) {
    StringBuilder hex = new StringBuilder();
    for (int k = at; k < Math.min(end, at + 4); k++) {
      if (k > at) {
        hex.append(' ');
      }
      hex.append(String.format("0x%02x", data[k] & 0xff));
    }
    int b = data[at] & 0xff;
    String why;
    if (b == 0xc0 || b == 0xc1 || (b == 0xe0 && at + 1 < end && (data[at + 1] & 0xff) < 0xa0)
        || (b == 0xf0 && at + 1 < end && (data[at + 1] & 0xff) < 0x90)) {
      why = "an overlong form";
    } else if (b == 0xed && at + 1 < end && (data[at + 1] & 0xff) >= 0xa0) {
      why = "a UTF-16 surrogate";
    } else if (b >= 0xf5 || (b == 0xf4 && at + 1 < end && (data[at + 1] & 0xff) >= 0x90)) {
      why = "beyond U+10FFFF";
    } else if (b < 0xc0) {
      why = "a continuation byte without a lead byte";
    } else {
      why = "a cut or broken sequence";
    }
    return "byte " + at + " (" + hex + ") is not well-formed UTF-8 (" + why + ")";
  }

  /** @return the length of the well-formed sequence starting with a non-ASCII byte, or -1 */
  private static int sequenceLength(byte[] d, int i, int end) {
    int b = d[i] & 0xff;
    if (b < 0xc2) {
      return -1; // continuation byte, or C0/C1 (always overlong)
    }
    if (b < 0xe0) {
      return i + 1 < end && cont(d[i + 1]) ? 2 : -1;
    }
    if (b < 0xf0) {
      if (i + 2 >= end) {
        return -1;
      }
      int b1 = d[i + 1] & 0xff;
      boolean ok = b == 0xe0 ? b1 >= 0xa0 && b1 <= 0xbf
          : b == 0xed ? b1 >= 0x80 && b1 <= 0x9f
          : b1 >= 0x80 && b1 <= 0xbf;
      return ok && cont(d[i + 2]) ? 3 : -1;
    }
    if (b < 0xf5) {
      if (i + 3 >= end) {
        return -1;
      }
      int b1 = d[i + 1] & 0xff;
      boolean ok = b == 0xf0 ? b1 >= 0x90 && b1 <= 0xbf
          : b == 0xf4 ? b1 >= 0x80 && b1 <= 0x8f
          : b1 >= 0x80 && b1 <= 0xbf;
      return ok && cont(d[i + 2]) && cont(d[i + 3]) ? 4 : -1;
    }
    return -1;
  }

  private static boolean cont(byte b) {
    return (b & 0xc0) == 0x80;
  }
}
