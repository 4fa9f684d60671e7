package dev.mephisto.testkit.codec;

import java.io.ByteArrayOutputStream;

/** Ways the fuzz kit damages valid encodings. */
final class Mutations {
  private Mutations() {}

  /** @return a copy with one to three bits flipped */
  static byte[] flipBits(byte[] b, FuzzRandom r) {
    byte[] out = b.clone();
    if (out.length == 0) {
      return new byte[] {(byte) r.nextInt(256)};
    }
    int flips = r.nextInt(1, 4);
    for (int i = 0; i < flips; i++) {
      int at = r.nextInt(out.length);
      out[at] ^= (byte) (1 << r.nextInt(8));
    }
    return out;
  }

  /** @return a copy with a slice deleted, duplicated, repeated many times, or overwritten */
  static byte[] splice(byte[] b, FuzzRandom r) {
    if (b.length == 0) {
      return r.bytes(8);
    }
    int from = r.nextInt(b.length);
    int to = from + r.nextInt(b.length - from + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length * 2);
    out.write(b, 0, from);
    switch (r.nextInt(4)) {
      case 0 -> { } // delete [from, to)
      case 1 -> {
        out.write(b, from, to - from);
        out.write(b, from, to - from);
      }
      case 2 -> { // repeat a slice: opening brackets, nested headers, block counts
        int times = r.nextInt(10, 2_000);
        int len = Math.min(to - from, 8);
        for (int i = 0; i < times && out.size() < 64 * 1024; i++) {
          out.write(b, from, len);
        }
        out.write(b, from, to - from);
      }
      default -> {
        byte[] noise = r.bytes(to - from + 1);
        out.write(noise, 0, noise.length);
      }
    }
    out.write(b, to, b.length - to);
    return out.toByteArray();
  }

  /** @return a copy with {@code extra} inserted at a random place (or replacing some bytes) */
  static byte[] insert(byte[] b, byte[] extra, FuzzRandom r) {
    int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
    int replace = r.nextBoolean() ? Math.min(extra.length, b.length - at) : 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + extra.length);
    out.write(b, 0, at);
    out.write(extra, 0, extra.length);
    out.write(b, at + replace, b.length - at - replace);
    return out.toByteArray();
  }

  /**
   * @return a number claiming a huge length or count, as binary formats (a zig-zag varint near
   *     2^31 or 2^63, a big-endian int) or text formats (a long run of digits) write it
   */
  static byte[] hugeNumber(FuzzRandom r) {
    return switch (r.nextInt(5)) {
      case 0 -> new byte[] {(byte) 0xee, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}; // 2^31-9
      case 1 -> new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
          (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}; // 2^63-1
      case 2 -> new byte[] {(byte) 0xfd, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}; // -2^31+1
      case 3 -> new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf7};
      default -> FuzzRandom.ascii("9".repeat(r.nextInt(10, 5_000)));
    };
  }
}
