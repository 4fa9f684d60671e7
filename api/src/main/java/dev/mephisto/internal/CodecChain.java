package dev.mephisto.internal;

import dev.mephisto.CodecException;
import dev.mephisto.codec.ByteCodec;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A resolved chain: the value codec first on encode, then byte codecs in order; decode reversed.
 * A null value encodes to null bytes and back (Kafka tombstones).
 */
public final class CodecChain implements Codec {
  private final String spec;
  private final @Nullable Codec value;
  private final @Nullable String valueName;
  private final ByteCodec[] bytes;
  private final String[] byteNames;

  /**
   * @param spec the chain as written
   * @param value the value codec, or null for a chain of byte codecs alone
   * @param valueName its name
   * @param bytes byte codecs in the order written
   * @param byteNames their names
   */
  public CodecChain(
      String spec, @Nullable Codec value, @Nullable String valueName, List<ByteCodec> bytes,
      List<String> byteNames) {
    this.spec = spec;
    this.value = value;
    this.valueName = valueName;
    this.bytes = bytes.toArray(ByteCodec[]::new);
    this.byteNames = byteNames.toArray(String[]::new);
  }

  /** @return the chain as written */
  public String spec() {
    return spec;
  }

  /** @return the value codec, or null for a chain of byte codecs alone */
  public @Nullable Codec valueCodec() {
    return value;
  }

  @Override
  public byte[] encode(Object v) {
    return encode(v, CodecContext.NONE);
  }

  @Override
  public <T> T decode(byte[] data, Class<T> type) {
    return decode(data, type, CodecContext.NONE);
  }

  @Override
  public byte[] encode(Object v, CodecContext context) {
    if (v == null) {
      return null;
    }
    byte[] out;
    if (value != null) {
      out = value.encode(v, context);
    } else if (v instanceof byte[] b) {
      out = b;
    } else {
      throw new CodecException("Codec chain '" + spec + "' has only byte codecs and encodes byte[]"
          + " but was given '" + v.getClass().getName() + "'; add a value codec, e.g. 'json|"
          + spec + "'");
    }
    for (int i = 0; i < bytes.length; i++) {
      try {
        out = bytes[i].encodeBytes(out);
      } catch (CodecException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CodecException("Codec '" + byteNames[i] + "' of '" + spec + "' failed to encode: "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public <T> T decode(byte[] data, Class<T> type, CodecContext context) {
    if (data == null) {
      return null;
    }
    byte[] in = data;
    for (int i = bytes.length - 1; i >= 0; i--) {
      try {
        in = bytes[i].decodeBytes(in);
      } catch (CodecException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CodecException("Codec '" + byteNames[i] + "' of '" + spec + "' failed to decode "
            + data.length + " bytes: " + e.getMessage(), e);
      }
    }
    if (value != null) {
      return value.decode(in, type, context);
    }
    if (type == byte[].class || type == Object.class) {
      return type.cast(in);
    }
    throw new CodecException("Codec chain '" + spec + "' has only byte codecs and decodes to byte[]"
        + " but was asked for '" + type.getName() + "'; add a value codec, e.g. 'json|" + spec + "'");
  }

  @Override
  public String toString() {
    return spec + (valueName == null ? " (bytes only)" : "");
  }
}
