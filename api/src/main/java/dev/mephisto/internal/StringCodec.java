package dev.mephisto.internal;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.codec.StrictUtf8;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Codec {@code string}: text as UTF-8. Decoding rejects bytes that are not well-formed UTF-8 (as
 * Python's {@code bytes.decode()} does) rather than replacing them with U+FFFD.
 */
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
      return type.cast(text(data, "string"));
    }
    throw new CodecException("Codec 'string' decodes to String but was asked for '"
        + type.getName() + "'; use 'json' for other types");
  }

  /**
   * @param data bytes that should be UTF-8
   * @param codec the codec's name, for the message
   * @return the text
   * @throws CodecException naming the first ill-formed byte
   */
  static String text(byte[] data, String codec) {
    int bad = StrictUtf8.firstInvalid(data, 0, data.length);
    if (bad >= 0) {
      throw new CodecException("Cannot decode " + data.length + " bytes as text with '" + codec
          + "': " + StrictUtf8.describe(data, bad, data.length)
          + "; the bytes were written by another codec or are corrupt");
    }
    return new String(data, StandardCharsets.UTF_8);
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
