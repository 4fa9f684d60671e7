package dev.mephisto.core;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import java.nio.charset.StandardCharsets;

/** A test codec for integers as decimal text: anything else fails to decode (a poison pill). */
final class DigitsCodec implements Codec {
  static final CodecProvider PROVIDER = new NamedCodecProvider("digits", new DigitsCodec());

  @Override
  public byte[] encode(Object value) {
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <T> T decode(byte[] data, Class<T> type) {
    String s = new String(data, StandardCharsets.UTF_8);
    if (!s.matches("-?\\d+")) {
      throw new CodecException("expected digits but was \"" + s + "\"");
    }
    return type.cast(Integer.valueOf(s));
  }
}
