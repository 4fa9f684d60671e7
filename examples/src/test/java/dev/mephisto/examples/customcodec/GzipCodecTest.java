package dev.mephisto.examples.customcodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The custom codec, found by name through ServiceLoader and used in a chain. */
class GzipCodecTest {
  @Model(serializer = "json|gzip")
  record Purchase(String username, String currency, double amount, List<String> tags) {}

  @Test
  void resolvesJsonGzipByNameAndRoundTripsARecord() {
    Purchase p = new Purchase("ann", "EUR", 1250.0, Collections.nCopies(50, "repeated-tag"));
    Codec codec = Codecs.get("json|gzip");
    byte[] wire = codec.encode(p);
    assertEquals(0x1f, wire[0] & 0xff, "gzip magic");
    assertTrue(wire.length < Codecs.get("json").encode(p).length, "compressed");
    assertEquals(p, codec.decode(wire, Purchase.class));
  }

  @Test
  void garbageInputFailsWithCodecException() {
    byte[] notGzip = "{\"username\": \"ann\"}".getBytes(StandardCharsets.UTF_8);
    CodecException e = assertThrows(CodecException.class,
        () -> Codecs.get("json|gzip").decode(notGzip, Purchase.class));
    assertTrue(e.getMessage().startsWith("Cannot decode 19 bytes with 'gzip': they are not gzip"),
        e.getMessage());
    byte[] cut = Codecs.get("gzip").encode(new byte[100]);
    byte[] truncated = java.util.Arrays.copyOf(cut, cut.length - 5);
    assertThrows(CodecException.class, () -> Codecs.get("gzip").decode(truncated, byte[].class));
  }

  @Test
  void decompressionBeyondTheCapFailsInsteadOfRunningOutOfMemory() {
    // about 1 MB of gzip that inflates to 1 GB: before the cap, an OutOfMemoryError
    byte[] bomb = GzipFuzzTest.gzip(new byte[1 << 20], 1024);
    assertTrue(bomb.length < 1_100_000, bomb.length + " bytes");
    CodecException e = assertThrows(CodecException.class,
        () -> Codecs.get("gzip").decode(bomb, byte[].class));
    assertEquals("Cannot decode " + bomb.length + " bytes with 'gzip': they decompress to more"
        + " than 16777216 bytes, the limit set by codec setting 'gzip.max.decoded.bytes'; raise it"
        + " if such messages are expected", e.getMessage());
    // the cap is a setting, and exactly the cap is allowed
    Codec small = Codecs.create(java.util.List.of(), java.util.Map.of("gzip.max.decoded.bytes",
        "1000")).resolve("gzip");
    org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[1000],
        small.decode(small.encode(new byte[1000]), byte[].class));
    assertThrows(CodecException.class, () -> small.decode(small.encode(new byte[1001]),
        byte[].class));
    assertThrows(dev.mephisto.ConfigurationException.class, () -> Codecs.create(
        java.util.List.of(), java.util.Map.of("gzip.max.decoded.bytes", "0")).resolve("gzip"));
  }
}
