package dev.mephisto.codec.avro;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Hand-made Avro payloads in Confluent's wire format, for hostile-input tests. */
final class AvroBytes {
  private AvroBytes() {}

  /** @return magic byte 0, the big-endian schema id, then the parts */
  static byte[] payload(int id, byte[]... parts) {
    byte[][] all = new byte[parts.length + 1][];
    all[0] = ByteBuffer.allocate(5).put((byte) 0).putInt(id).array();
    System.arraycopy(parts, 0, all, 1, parts.length);
    return concat(all);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** @return Avro's zig-zag variable-length encoding of {@code n} */
  static byte[] varlong(long n) {
    long z = (n << 1) ^ (n >> 63);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    while ((z & ~0x7fL) != 0) {
      o.write((int) ((z & 0x7f) | 0x80));
      z >>>= 7;
    }
    o.write((int) z);
    return o.toByteArray();
  }

  static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }
}
