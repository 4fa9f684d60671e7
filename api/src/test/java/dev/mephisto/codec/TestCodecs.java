package dev.mephisto.codec;

import dev.mephisto.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/** Small codecs for tests of the chain rules, registered in code (api has no json or binary). */
final class TestCodecs {
  private TestCodecs() {}

  static CodecProvider provider(String name, Supplier<Codec> codec) {
    return new CodecProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Codec create(Map<String, ?> config) {
        return codec.get();
      }

      @Override
      public String toString() {
        return "provider of " + name;
      }
    };
  }

  /** A stand-in value codec {@code json}: text in quotes. */
  static CodecProvider json() {
    return provider("json", () -> new Codec() {
      @Override
      public byte[] encode(Object value) {
        return ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public <T> T decode(byte[] data, Class<T> type) {
        String s = new String(data, StandardCharsets.UTF_8);
        if (!s.startsWith("\"") || !s.endsWith("\"") || s.length() < 2) {
          throw new CodecException("not quoted: '" + s + "'");
        }
        return type.cast(s.substring(1, s.length() - 1));
      }
    });
  }

  /** A stand-in byte codec {@code binary}: base64. */
  static CodecProvider binary() {
    return provider("binary", () -> new ByteCodec() {
      @Override
      public byte[] encodeBytes(byte[] data) {
        return Base64.getEncoder().encode(data);
      }

      @Override
      public byte[] decodeBytes(byte[] data) {
        return Base64.getDecoder().decode(data);
      }
    });
  }

  /** A byte codec that appends one letter and on decode checks and strips it: order shows. */
  static CodecProvider tag(char letter) {
    return provider("tag-" + letter, () -> new ByteCodec() {
      @Override
      public byte[] encodeBytes(byte[] data) {
        byte[] out = Arrays.copyOf(data, data.length + 1);
        out[data.length] = (byte) letter;
        return out;
      }

      @Override
      public byte[] decodeBytes(byte[] data) {
        if (data.length == 0 || data[data.length - 1] != (byte) letter) {
          throw new CodecException("tag-" + letter + " expected a trailing '" + letter + "'");
        }
        return Arrays.copyOf(data, data.length - 1);
      }
    });
  }
}
