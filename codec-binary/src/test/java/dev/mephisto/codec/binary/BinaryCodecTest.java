package dev.mephisto.codec.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code binary} is base64 as Faust writes it. */
class BinaryCodecTest {
  private final Codec binary = Codecs.get("binary");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void encodesStandardBase64WithPaddingAsPython() {
    // Python: base64.b64encode(b"\xfb\xff\x00") == b"+/8A"; b64encode(b"ab") == b"YWI="
    assertArrayEquals(ascii("+/8A"), binary.encode(new byte[] {(byte) 0xfb, (byte) 0xff, 0}));
    assertArrayEquals(ascii("YWI="), binary.encode(ascii("ab")));
    assertArrayEquals(new byte[0], binary.encode(new byte[0]));
  }

  @Test
  void rawThenBinaryGivesFaustBytesInEitherOrder() {
    byte[] wire = Codecs.get("raw|binary").encode("hello");
    assertArrayEquals(ascii("aGVsbG8="), wire);
    assertArrayEquals(wire, Codecs.get("binary|raw").encode("hello"));
    assertEquals("hello", Codecs.get("binary|raw").decode(wire, String.class));
  }

  @Test
  void invalidBase64FailsSayingSo() {
    CodecException e = assertThrows(CodecException.class,
        () -> binary.decode(ascii("not*base64!"), byte[].class));
    assertTrue(e.getMessage().startsWith("Cannot decode 11 bytes with 'binary': they are not "
        + "base64 ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("but the input starts with 'not*base64!'"), e.getMessage());
    CodecException binaryInput = assertThrows(CodecException.class,
        () -> binary.decode(new byte[] {(byte) 0x80, 'a'}, byte[].class));
    assertTrue(binaryInput.getMessage().endsWith("starts with '\\x80a'"), binaryInput.getMessage());
  }

  @Test
  void decodedSizeIsCappedBeforeDecodingAndTheCapIsASetting() {
    Codec small = Codecs.create(java.util.List.of(), java.util.Map.of(
        "binary.max.decoded.bytes", "6")).resolve("binary");
    assertArrayEquals(new byte[6], small.decode(small.encode(new byte[6]), byte[].class));
    byte[] eight = small.encode(new byte[7]); // "AAAAAAAAAA==": 12 characters
    CodecException e = assertThrows(CodecException.class, () -> small.decode(eight, byte[].class));
    assertEquals("Cannot decode 12 bytes with 'binary': they would decode to about 9 bytes but"
        + " codec setting 'binary.max.decoded.bytes' is 6; raise it if such messages are expected",
        e.getMessage());
    assertThrows(dev.mephisto.ConfigurationException.class, () -> Codecs.create(
        java.util.List.of(), java.util.Map.of("binary.max.decoded.bytes", "-1")).resolve("binary"));
    // the default, 16 MiB, lets any Kafka-sized message through
    byte[] mib = new byte[1 << 20];
    assertArrayEquals(mib, binary.decode(binary.encode(mib), byte[].class));
  }
}
