package dev.mephisto.codec.binary.internal;

import dev.mephisto.CodecException;
import dev.mephisto.codec.ByteCodec;
import java.util.Base64;

/**
 * Byte codec {@code binary}: base64 with the standard alphabet and padding, as Faust's {@code
 * binary} codec ({@code base64.b64encode}). Thread-safe; stateless.
 */
public final class Base64Codec implements ByteCodec {
  /** The one instance. */
  public static final Base64Codec INSTANCE = new Base64Codec();
  private static final int SHOWN = 32;

  private Base64Codec() {}

  @Override
  public byte[] encodeBytes(byte[] data) {
    return Base64.getEncoder().encode(data);
  }

  @Override
  public byte[] decodeBytes(byte[] data) {
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
