package dev.mephisto.internal;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Codec {@code raw}: bytes as they are, as Faust's {@code raw}. Strings are written as UTF-8 and
 * can be read back as {@code String} (well-formed UTF-8 only); Faust's default key codec.
 */
public final class RawCodec implements Codec {
  static final RawCodec INSTANCE = new RawCodec();

  @Override
  public byte[] encode(Object value) {
    if (value instanceof byte[] b) {
      return b;
    }
    if (value instanceof CharSequence s) {
      return s.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof ByteBuffer buf) {
      ByteBuffer d = buf.duplicate();
      byte[] out = new byte[d.remaining()];
      d.get(out);
      return out;
    }
    throw new CodecException("Codec 'raw' encodes byte[], ByteBuffer or String but was given '"
        + value.getClass().getName() + "'; use 'json' for other types");
  }

  @Override
  public <T> T decode(byte[] data, Class<T> type) {
    if (type == byte[].class || type == Object.class) {
      return type.cast(data);
    }
    if (type == String.class) {
      return type.cast(StringCodec.text(data, "raw"));
    }
    if (type == ByteBuffer.class) {
      return type.cast(ByteBuffer.wrap(data));
    }
    throw new CodecException("Codec 'raw' decodes to byte[], ByteBuffer or String but was asked for '"
        + type.getName() + "'; use 'json' for other types");
  }

  /** Provides {@code raw}. */
  public static final class Provider implements CodecProvider {
    @Override
    public String name() {
      return "raw";
    }

    @Override
    public Codec create(Map<String, ?> config) {
      return INSTANCE;
    }
  }
}
