package dev.mephisto.core.internal;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;

/**
 * How keys and values of one topic or channel turn into bytes and back: the resolved codec
 * chains with their topic context.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Binding<K, V> {
  private final String topic;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final String keySpec;
  private final String valueSpec;
  private final Codec keyCodec;
  private final Codec valueCodec;
  private final CodecContext keyContext;
  private final CodecContext valueContext;

  /**
   * @param topic topic or channel name
   * @param keyType key type
   * @param valueType value type
   * @param keySpec key codec chain
   * @param keyCodec its codec
   * @param valueSpec value codec chain
   * @param valueCodec its codec
   */
  public Binding(String topic, Class<K> keyType, Class<V> valueType, String keySpec, Codec keyCodec,
      String valueSpec, Codec valueCodec) {
    this.topic = topic;
    this.keyType = keyType;
    this.valueType = valueType;
    this.keySpec = keySpec;
    this.valueSpec = valueSpec;
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
    this.keyContext = CodecContext.key(topic);
    this.valueContext = CodecContext.value(topic);
  }

  /** @return the topic or channel name */
  public String topic() {
    return topic;
  }

  /** @return the key type */
  public Class<K> keyType() {
    return keyType;
  }

  /** @return the value type */
  public Class<V> valueType() {
    return valueType;
  }

  /** @return the value codec chain as written */
  public String valueSpec() {
    return valueSpec;
  }

  /** @return the key codec chain as written */
  public String keySpec() {
    return keySpec;
  }

  /**
   * @param key a key, may be null
   * @return its bytes, or null
   */
  public byte[] encodeKey(Object key) {
    if (key == null) {
      return null;
    }
    try {
      return keyCodec.encode(key, keyContext);
    } catch (CodecException e) {
      throw e.withLocation("Cannot encode key for topic '" + topic + "' with '" + keySpec + "'");
    }
  }

  /**
   * @param value a value, may be null
   * @return its bytes, or null
   */
  public byte[] encodeValue(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return valueCodec.encode(value, valueContext);
    } catch (CodecException e) {
      throw e.withLocation("Cannot encode value for topic '" + topic + "' with '" + valueSpec + "'");
    }
  }

  /**
   * @param bytes key bytes, may be null
   * @return the key; the exception has no coordinates yet
   */
  public K decodeKey(byte[] bytes) {
    return bytes == null ? null : keyCodec.decode(bytes, keyType, keyContext);
  }

  /**
   * @param bytes value bytes, may be null
   * @return the value; the exception has no coordinates yet
   */
  public V decodeValue(byte[] bytes) {
    return bytes == null ? null : valueCodec.decode(bytes, valueType, valueContext);
  }

  /**
   * @param bytes value bytes
   * @param type the type to decode into
   * @return the value
   * @param <T> type
   */
  public <T> T decodeValueAs(byte[] bytes, Class<T> type) {
    return bytes == null ? null : valueCodec.decode(bytes, type, valueContext);
  }
}
