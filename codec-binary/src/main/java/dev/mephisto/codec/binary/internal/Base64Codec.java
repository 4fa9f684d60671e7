package dev.mephisto.codec.binary.internal;

import dev.mephisto.CodecException;
import dev.mephisto.codec.ByteCodec;
import java.util.Base64;

/**
 * Byte codec {@code binary}: base64 with the standard alphabet and padding, as Faust's {@code
 * binary} codec ({@code base64.b64encode}). Thread-safe; stateless but for its limit.
 */
public final class Base64Codec implements ByteCodec {
  /** Setting: the most bytes one message may decode to. */
  public static final String MAX_DECODED_BYTES = "binary.max.decoded.bytes";
  /** Default of {@link #MAX_DECODED_BYTES}: 16 MiB, far above Kafka's default message size. */
  public static final int DEFAULT_MAX_DECODED_BYTES = 16 << 20;
  /** A codec with the default limit. */
  public static final Base64Codec DEFAULT = new Base64Codec(DEFAULT_MAX_DECODED_BYTES);
  private static final int SHOWN = 32;

  private final int maxDecodedBytes;

  /** @param maxDecodedBytes the most bytes one message may decode to */
  public Base64Codec(int maxDecodedBytes) {
    this.maxDecodedBytes = maxDecodedBytes;
  }

  @Override
  public byte[] encodeBytes(byte[] data) {
    return Base64.getEncoder().encode(data);
  }

  @Override
  public byte[] decodeBytes(byte[] data) {
    // base64 turns 4 characters into at most 3 bytes: the output size is known before decoding
    long decoded = (long) data.length / 4 * 3 + (data.length % 4);
    if (decoded > maxDecodedBytes) {
      throw new CodecException("Cannot decode " + data.length + " bytes with 'binary': they would"
          + " decode to about " + decoded + " bytes but codec setting '" + MAX_DECODED_BYTES
          + "' is " + maxDecodedBytes + "; raise it if such messages are expected");
    }
    try {
      return Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new CodecException("Cannot decode " + data.length + " bytes with 'binary': they are not"
          + " base64 (" + e.getMessage() + "); expected the standard alphabet A-Z a-z 0-9 + / with"
          + " '=' padding, but the input starts with '" + preview(data) + "'");
    }
  }

  private static String preview(byte[] data) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(data.length, SHOWN); i++) {
      int b = data[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '\'') {
        sb.append((char) b);
      } else {
        sb.append(String.format("\\x%02x", b));
      }
    }
    return data.length > SHOWN ? sb + "..." : sb.toString();
  }

  @Override
  public String toString() {
    return "binary";
  }
}
