package dev.mephisto.codec;

/**
 * Turns values into bytes and back. A codec is either a <em>value codec</em> (this interface:
 * json, avro, raw, string, ...) or a <em>byte codec</em> ({@link ByteCodec}: binary, gzip, ...).
 * Chains such as {@code "json|binary"} are made by {@link Codecs#get(String)}.
 *
 * <pre>{@code
 * Codec codec = Codecs.get("json|binary");
 * byte[] wire = codec.encode(new Purchase("ann", "EUR", 1250));
 * Purchase back = codec.decode(wire, Purchase.class);
 * }</pre>
 *
 * <p>Implementations are thread-safe. Failures throw {@link dev.mephisto.CodecException} naming
 * the field, what was expected and what was found.
 */
public interface Codec {
  /**
   * @param value a non-null value
   * @return its bytes
   */
  byte[] encode(Object value);

  /**
   * @param data bytes written by {@link #encode}
   * @param type the type to decode into
   * @return the value
   * @param <T> target type
   */
  <T> T decode(byte[] data, Class<T> type);

  /**
   * Encodes knowing the topic; override when the bytes depend on it (schema subjects).
   *
   * @param value a non-null value
   * @param context the topic and whether this is a key
   * @return its bytes
   */
  default byte[] encode(Object value, CodecContext context) {
    return encode(value);
  }

  /**
   * Decodes knowing the topic; override when decoding depends on it.
   *
   * @param data bytes
   * @param type the type to decode into
   * @param context the topic and whether this is a key
   * @return the value
   * @param <T> target type
   */
  default <T> T decode(byte[] data, Class<T> type, CodecContext context) {
    return decode(data, type);
  }
}
