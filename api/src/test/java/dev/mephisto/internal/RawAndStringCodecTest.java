package dev.mephisto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two codecs api ships: {@code raw} (Faust's default key codec) and {@code string}. */
class RawAndStringCodecTest {
  private final Codec raw = Codecs.get("raw");
  private final Codec string = Codecs.get("string");

  @Test
  void rawPassesBytesThroughAndWritesTextAsUtf8() {
    byte[] b = {0, (byte) 0xff, 7};
    assertSame(b, RawCodec.INSTANCE.encode(b));
    assertArrayEquals(b, raw.decode(raw.encode(b), byte[].class));
    assertArrayEquals("ünï".getBytes(StandardCharsets.UTF_8), raw.encode("ünï"));
    assertEquals("ünï", raw.decode(raw.encode("ünï"), String.class));
    assertSame(b, raw.decode(b, Object.class));
  }

  @Test
  void rawReadsTheRemainingBytesOfABufferWithoutMovingIt() {
    ByteBuffer buf = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
    buf.position(1);
    assertArrayEquals(new byte[] {2, 3, 4}, raw.encode(buf));
    assertEquals(1, buf.position());
    assertEquals(ByteBuffer.wrap(new byte[] {5}), raw.decode(new byte[] {5}, ByteBuffer.class));
  }

  @Test
  void rawRejectsOtherTypesNamingThem() {
    CodecException e = assertThrows(CodecException.class, () -> raw.encode(42));
    assertEquals("Codec 'raw' encodes byte[], ByteBuffer or String but was given "
        + "'java.lang.Integer'; use 'json' for other types", e.getMessage());
    CodecException d = assertThrows(CodecException.class, () -> raw.decode(new byte[1], Long.class));
    assertEquals("Codec 'raw' decodes to byte[], ByteBuffer or String but was asked for "
        + "'java.lang.Long'; use 'json' for other types", d.getMessage());
  }

  @Test
  void stringWritesUtf8AndReadsText() {
    assertArrayEquals("naïve".getBytes(StandardCharsets.UTF_8), string.encode("naïve"));
    assertEquals("naïve", string.decode(string.encode(new StringBuilder("naïve")), String.class));
    assertEquals("x", string.decode(new byte[] {'x'}, CharSequence.class));
    assertEquals("x", string.decode(new byte[] {'x'}, Object.class));
  }

  @Test
  void stringRejectsOtherTypesNamingThem() {
    CodecException e = assertThrows(CodecException.class, () -> string.encode(new byte[1]));
    assertEquals("Codec 'string' encodes text but was given '[B'; use 'json' for other types",
        e.getMessage());
    assertThrows(CodecException.class, () -> string.decode(new byte[1], Integer.class));
  }

  @Test
  void stringAndRawRejectOverlongAndInvalidUtf8InsteadOfReplacingIt() {
    byte[] overlongSlash = {'a', (byte) 0xc0, (byte) 0xaf};
    CodecException s = assertThrows(CodecException.class,
        () -> string.decode(overlongSlash, String.class));
    assertEquals("Cannot decode 3 bytes as text with 'string': byte 1 (0xc0 0xaf) is not"
        + " well-formed UTF-8 (an overlong form); the bytes were written by another codec or are"
        + " corrupt", s.getMessage());
    assertThrows(CodecException.class, () -> raw.decode(new byte[] {(byte) 0xff}, String.class));
    // as bytes, raw still takes anything
    assertArrayEquals(overlongSlash, raw.decode(overlongSlash, byte[].class));
  }

  @Test
  void apiShipsRawAndStringThroughServiceLoader() {
    assertEquals(java.util.List.of("raw", "string"), Codecs.names());
  }
}
