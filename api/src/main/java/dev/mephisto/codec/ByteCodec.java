package dev.mephisto.codec;

import dev.mephisto.CodecException;

/**
 * A codec that turns bytes into bytes (base64, gzip, encryption). In a chain it runs after the
 * value codec on encode, in the order written, and in reverse on decode. On its own it encodes
 * {@code byte[]} values.
 *
 * <pre>{@code
 * public final class GzipCodec implements ByteCodec {
 *   public byte[] encodeBytes(byte[] data) { ... }
 *   public byte[] decodeBytes(byte[] data) { ... }
 * }
 * }</pre>
 */
public interface ByteCodec extends Codec {
  /**
   * @param data bytes from the previous codec of the chain
   * @return transformed bytes
   */
  byte[] encodeBytes(byte[] data);

  /**
   * @param data bytes written by {@link #encodeBytes}
   * @return the original bytes
   */
  byte[] decodeBytes(byte[] data);

  @Override
  default byte[] encode(Object value) {
    if (value instanceof byte[] bytes) {
      return encodeBytes(bytes);
    }
    throw new CodecException("Byte codec " + getClass().getSimpleName()
        + " encodes byte[] but was given '" + (value == null ? "null" : value.getClass().getName())
        + "'; put a value codec in the chain, e.g. 'json|" + "<this codec>'");
  }

  @Override
  default <T> T decode(byte[] data, Class<T> type) {
    if (type != byte[].class && type != Object.class) {
      throw new CodecException("Byte codec " + getClass().getSimpleName()
          + " decodes to byte[] but was asked for '" + type.getName()
          + "'; put a value codec in the chain, e.g. 'json|<this codec>'");
    }
    return type.cast(decodeBytes(data));
  }
}
