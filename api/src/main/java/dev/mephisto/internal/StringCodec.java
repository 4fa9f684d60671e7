package dev.mephisto.internal;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Codec {@code string}: text as UTF-8. */
public final class StringCodec implements Codec {
  static final StringCodec INSTANCE = new StringCodec();

  @Override
  public byte[] encode(Object value) {
    if (value instanceof CharSequence s) {
      return s.toString().getBytes(StandardCharsets.UTF_8);
    }
    throw new CodecException("Codec 'string' encodes text but was given '"
        + value.getClass().getName() + "'; use 'json' for other types");
  }

  @Override
  public <T> T decode(byte[] data, Class<T> type) {
    if (type == String.class || type == Object.class || type == CharSequence.class) {
      return type.cast(new String(data, StandardCharsets.UTF_8));
    }
    throw new CodecException("Codec 'string' decodes to String but was asked for '"
        + type.getName() + "'; use 'json' for other types");
  }

  /** Provides {@code string}. */
  public static final class Provider implements CodecProvider {
    @Override
    public String name() {
      return "string";
    }

    @Override
    public Codec create(Map<String, ?> config) {
      return INSTANCE;
    }
  }
}
