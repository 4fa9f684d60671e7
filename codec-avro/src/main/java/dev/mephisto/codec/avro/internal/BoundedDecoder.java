package dev.mephisto.codec.avro.internal;

import dev.mephisto.codec.StrictUtf8;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary encoding read from one message's bytes, treating them as hostile. Unlike Avro's
 * {@code BinaryDecoder} it checks every length against the bytes left <em>before</em> allocating
 * (a 10-byte message cannot make it allocate 2 GB), counts the items of all arrays and maps of the
 * message against {@code avro.max.items} as each block is announced (so zero-size items cannot
 * burn CPU either), accepts only 0 and 1 as booleans and only well-formed UTF-8 as strings, and
 * tells how many bytes were left over. Not thread-safe: one per decode, pooled.
 */
final class BoundedDecoder extends Decoder {
  private byte[] buf;
  private int pos;
  private int limit;
  private long itemsLeft;
  private long maxItems;
  private long emptyLeft;
  private long maxEmpty;

  /**
   * @param data the message
   * @param offset where the Avro body starts
   * @param length its length
   * @param limits items allowed in all arrays and maps of the message, and how many of them
   *     may take no bytes
   * @return this decoder, reading the body
   */
  BoundedDecoder configure(byte[] data, int offset, int length, AvroLimits limits) {
    this.buf = data;
    this.pos = offset;
    this.limit = offset + length;
    this.maxItems = limits.maxItems();
    this.itemsLeft = maxItems;
    this.maxEmpty = limits.maxEmptyItems();
    this.emptyLeft = maxEmpty;
    return this;
  }

  /** Drops the message so a pooled decoder does not keep it alive. */
  void release() {
    buf = null;
  }

  /** @return bytes not read yet */
  int remaining() {
    return limit - pos;
  }

  private EOFException eof(String what) {
    return new EOFException("the payload ended while reading " + what);
  }

  @Override
  public void readNull() {}

  @Override
  public boolean readBoolean() throws IOException {
    if (pos >= limit) {
      throw eof("a boolean");
    }
    int b = buf[pos++];
    if (b == 0) {
      return false;
    }
    if (b == 1) {
      return true;
    }
    throw FieldError.of("holds the boolean byte 0x" + Integer.toHexString(b & 0xff)
        + ", but Avro booleans are 0 or 1");
  }

  @Override
  public int readInt() throws IOException {
    int b = next("an int");
    int n = b & 0x7f;
    for (int shift = 7; b > 0x7f; shift += 7) {
      if (shift > 28) {
        throw FieldError.of("holds an int whose variable-length encoding is longer than 5 bytes");
      }
      b = next("an int");
      n |= (b & 0x7f) << shift;
    }
    return (n >>> 1) ^ -(n & 1);
  }

  @Override
  public long readLong() throws IOException {
    int b = next("a long");
    long n = b & 0x7f;
    for (int shift = 7; b > 0x7f; shift += 7) {
      if (shift > 63) {
        throw FieldError.of("holds a long whose variable-length encoding is longer than 10 bytes");
      }
      b = next("a long");
      n |= (long) (b & 0x7f) << shift;
    }
    return (n >>> 1) ^ -(n & 1);
  }

  private int next(String what) throws EOFException {
    if (pos >= limit) {
      throw eof(what);
    }
    return buf[pos++] & 0xff;
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(fixedInt("a float"));
  }

  @Override
  public double readDouble() throws IOException {
    if (limit - pos < 8) {
      throw eof("a double");
    }
    long lo = fixedInt("a double") & 0xffffffffL;
    long hi = fixedInt("a double") & 0xffffffffL;
    return Double.longBitsToDouble(hi << 32 | lo);
  }

  private int fixedInt(String what) throws EOFException {
    if (limit - pos < 4) {
      throw eof(what);
    }
    int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
        | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  /** Reads a length and checks it against the bytes left, before anything is allocated. */
  private int length(String what) throws IOException {
    long n = readLong();
    if (n < 0) {
      throw FieldError.of("claims a " + what + " of " + n + " bytes");
    }
    if (n > limit - pos) {
      // checked before allocating: a truncated message and a made-up length end here alike
      throw new EOFException("a " + what + " of " + n + " bytes was announced but only "
          + (limit - pos) + " bytes are left");
    }
    return (int) n;
  }

  private int checkedText(int length) {
    int start = pos;
    int bad = StrictUtf8.firstInvalid(buf, start, length);
    if (bad >= 0) {
      throw FieldError.of("holds a string that is not UTF-8: "
          + StrictUtf8.describe(buf, bad, start + length).replace("byte " + bad,
              "byte " + (bad - start) + " of the string"));
    }
    pos += length;
    return start;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int n = length("string");
    int start = checkedText(n);
    Utf8 u = old != null ? old : new Utf8();
    u.setByteLength(n);
    System.arraycopy(buf, start, u.getBytes(), 0, n);
    return u;
  }

  @Override
  public String readString() throws IOException {
    int n = length("string");
    if (n == 0) {
      return "";
    }
    int start = checkedText(n);
    return new String(buf, start, n, StandardCharsets.UTF_8);
  }

  @Override
  public void skipString() throws IOException {
    int n = length("string"); // not "pos += length(...)": length() moves pos itself
    pos += n;
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int n = length("bytes value");
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return ByteBuffer.wrap(out);
  }

  @Override
  public void skipBytes() throws IOException {
    int n = length("bytes value");
    pos += n;
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    if (length > limit - pos) {
      throw eof("a fixed of " + length + " bytes (" + (limit - pos) + " left)");
    }
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    if (length > limit - pos) {
      throw eof("a fixed of " + length + " bytes (" + (limit - pos) + " left)");
    }
    pos += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    return items("array");
  }

  @Override
  public long arrayNext() throws IOException {
    return items("array");
  }

  @Override
  public long readMapStart() throws IOException {
    return items("map");
  }

  @Override
  public long mapNext() throws IOException {
    return items("map");
  }

  @Override
  public long skipArray() throws IOException {
    return skipItems("array");
  }

  @Override
  public long skipMap() throws IOException {
    return skipItems("map");
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /**
   * Reads a block count (negative: followed by the block's size in bytes) and charges its items
   * to the message's budget before any of them is read.
   */
  private long items(String what) throws IOException {
    long n = readLong();
    if (n < 0) {
      n = -n;
      blockSize(n, what);
    }
    return charge(n, what);
  }

  /** Reads and checks the byte size that follows a negative block count {@code -n}. */
  private int blockSize(long n, String what) throws IOException {
    if (n < 0) { // the count was Long.MIN_VALUE
      throw FieldError.of("holds an " + what + " block of " + n + " items");
    }
    long size = readLong();
    if (size < 0 || size > limit - pos) {
      throw new EOFException("an " + what + " block of " + size + " bytes was announced but"
          + " only " + (limit - pos) + " bytes are left");
    }
    return (int) size;
  }

  private long charge(long n, String what) {
    if (n > itemsLeft) {
      throw FieldError.of("holds an " + what + " block of " + n + " items, more than the "
          + itemsLeft + " left of the " + maxItems + " items codec setting '"
          + AvroLimits.MAX_ITEMS + "' allows in one message");
    }
    // items that take a byte or more cannot outnumber the bytes left: the rest take none
    long empty = n - (limit - pos);
    if (empty > 0) {
      if (empty > emptyLeft) {
        throw FieldError.of("holds an " + what + " block of " + n + " items but only "
            + (limit - pos) + " bytes are left, so at least " + empty + " of them take no bytes;"
            + " codec setting '" + AvroLimits.MAX_EMPTY_ITEMS + "' allows " + maxEmpty
            + " such items in one message");
      }
      emptyLeft -= empty;
    }
    itemsLeft -= n;
    return n;
  }

  /** Skips whole blocks whose byte size is given; returns the items of the next other block. */
  private long skipItems(String what) throws IOException {
    long n = readLong();
    while (n < 0) {
      int size = blockSize(-n, what);
      pos += size;
      n = readLong();
    }
    return charge(n, what);
  }
}
