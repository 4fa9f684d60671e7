package dev.mephisto.codec.avro.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A growable byte array with an Avro encoder writing into it, pooled so that encoding allocates
 * only the returned array. Unlike {@code ByteArrayOutputStream} it takes no locks.
 */
final class EncodeBuffer extends OutputStream {
  private static final int INITIAL = 256;
  /** Larger buffers are dropped after use so one huge message does not pin memory. */
  static final int MAX_RETAINED = 1 << 20;

  private byte[] buf = new byte[INITIAL];
  private int count;
  final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

  void reset() {
    count = 0;
  }

  boolean retainable() {
    return buf.length <= MAX_RETAINED;
  }

  @Override
  public void write(int b) {
    if (count == buf.length) {
      grow(count + 1);
    }
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if (count + len > buf.length) {
      grow(count + len);
    }
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  /** Writes the 5-byte Confluent header: magic byte 0 and the big-endian schema id. */
  void header(int id) {
    if (count + 5 > buf.length) {
      grow(count + 5);
    }
    buf[count] = 0;
    buf[count + 1] = (byte) (id >>> 24);
    buf[count + 2] = (byte) (id >>> 16);
    buf[count + 3] = (byte) (id >>> 8);
    buf[count + 4] = (byte) id;
    count += 5;
  }

  private void grow(int min) {
    buf = Arrays.copyOf(buf, Math.max(min, buf.length * 2));
  }

  byte[] toByteArray() throws IOException {
    encoder.flush();
    return Arrays.copyOf(buf, count);
  }
}
