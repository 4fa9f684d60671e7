package dev.mephisto.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain rules of DESIGN §3. */
class CodecsTest {
  private final Codecs codecs = Codecs.create(
      List.of(TestCodecs.json(), TestCodecs.binary(), TestCodecs.tag('a'), TestCodecs.tag('b')),
      Map.of());

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void valueCodecRunsFirstWhereverItIsWritten() {
    for (String spec : List.of("string|tag-a|tag-b", "tag-a|string|tag-b", "tag-a|tag-b|string")) {
      assertEquals("xab", text(codecs.resolve(spec).encode("x")), spec);
      assertEquals("x", codecs.resolve(spec).decode(utf8("xab"), String.class), spec);
    }
  }

  @Test
  void byteCodecsRunInWrittenOrderAndDecodeReversed() {
    assertEquals("xba", text(codecs.resolve("string|tag-b|tag-a").encode("x")));
    assertEquals("x", codecs.resolve("tag-b|tag-a|string").decode(utf8("xba"), String.class));
    CodecException e = assertThrows(CodecException.class,
        () -> codecs.resolve("string|tag-a|tag-b").decode(utf8("xba"), String.class));
    assertEquals("tag-b expected a trailing 'b'", e.getMessage());
  }

  @Test
  void jsonBinaryAndBinaryJsonGiveTheSameBytes() {
    byte[] faust = codecs.resolve("json|binary").encode("ann");
    assertEquals("ImFubiI=", text(faust));
    assertArrayEquals(faust, codecs.resolve("binary|json").encode("ann"));
    assertEquals("ann", codecs.resolve("binary|json").decode(faust, String.class));
  }

  @Test
  void byteCodecsAloneApplyToByteArrays() {
    Codec bytes = codecs.resolve("tag-a|tag-b");
    assertArrayEquals(utf8("zab"), bytes.encode(utf8("z")));
    assertArrayEquals(utf8("z"), bytes.decode(utf8("zab"), byte[].class));
    CodecException e = assertThrows(CodecException.class, () -> bytes.encode("text"));
    assertEquals("Codec chain 'tag-a|tag-b' has only byte codecs and encodes byte[] but was given"
        + " 'java.lang.String'; add a value codec, e.g. 'json|tag-a|tag-b'", e.getMessage());
    assertThrows(CodecException.class, () -> bytes.decode(utf8("zab"), String.class));
  }

  @Test
  void twoValueCodecsFailWhenTheChainIsBuilt() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> codecs.resolve("json|binary|raw"));
    assertEquals("Codec chain 'json|binary|raw' has two value codecs, 'json' and 'raw'; a chain "
        + "holds at most one value codec and any number of byte codecs (such as 'binary')",
        e.getMessage());
  }

  @Test
  void unknownNameFailsListingKnownNamesAndTheArtifact() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> codecs.resolve("avro|binary"));
    assertEquals("Unknown codec 'avro' in 'avro|binary'; available: [binary, json, raw, string, "
        + "tag-a, tag-b]; add dev.mephisto:mephisto-codec-avro or register one with "
        + "App.builder(...).codec(...)", e.getMessage());
    ConfigurationException late =
        assertThrows(ConfigurationException.class, () -> codecs.resolve("json|nope"));
    assertTrue(late.getMessage().startsWith("Unknown codec 'nope' in 'json|nope'"));
  }

  @Test
  void misspelledNameSuggestsTheClosest() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> codecs.resolve("jsn"));
    assertEquals("Unknown codec 'jsn' in 'jsn'; available: [binary, json, raw, string, tag-a, "
        + "tag-b]; did you mean 'json'?; add the jar that provides it or register one with "
        + "App.builder(...).codec(...)", e.getMessage());
  }

  @Test
  void globalLookupOfUnknownNameUsesTheSameMessageForm() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Codecs.get("jsn"));
    assertTrue(e.getMessage().startsWith("Unknown codec 'jsn' in 'jsn'; available: [raw, string"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(
        "; add the jar that provides it or register one with App.builder(...).codec(...)"));
  }

  @Test
  void emptyNameInAChainFails() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> codecs.resolve("json||binary"));
    assertEquals("Codec chain 'json||binary' has an empty name; expected names separated by '|',"
        + " e.g. 'json|binary'", e.getMessage());
  }

  @Test
  void spacesAroundNamesAreIgnoredAndChainsAreCached() {
    assertEquals("\"x\"a", text(codecs.resolve(" json | tag-a ").encode("x")));
    assertSame(codecs.resolve("json|binary"), codecs.resolve("json|binary"));
  }

  @Test
  void chainsPassTombstonesThrough() {
    Codec chain = codecs.resolve("json|binary");
    assertNull(chain.encode(null));
    assertNull(chain.decode(null, String.class));
  }

  @Test
  void providerFailuresAreConfigurationErrors() {
    Codecs broken = Codecs.create(List.of(
        TestCodecs.provider("boom", () -> {
          throw new IllegalStateException("no key file");
        }),
        TestCodecs.provider("nothing", () -> null)), Map.of());
    ConfigurationException boom =
        assertThrows(ConfigurationException.class, () -> broken.resolve("boom"));
    assertTrue(boom.getMessage().startsWith("Codec 'boom' in 'boom' could not be created by "),
        boom.getMessage());
    assertTrue(boom.getMessage().endsWith(": no key file"), boom.getMessage());
    ConfigurationException nothing =
        assertThrows(ConfigurationException.class, () -> broken.resolve("string|nothing"));
    assertTrue(nothing.getMessage().endsWith("returned null for 'nothing'"), nothing.getMessage());
  }

  @Test
  void byteCodecFailingWithAnotherExceptionIsWrappedNamingCodecAndChain() {
    CodecException e = assertThrows(CodecException.class,
        () -> codecs.resolve("json|binary").decode(utf8("@@@"), String.class));
    assertTrue(e.getMessage().startsWith("Codec 'binary' of 'json|binary' failed to decode 3 "
        + "bytes: "), e.getMessage());
  }

  @Test
  void codecsRegisteredInCodeReplaceDiscoveredOnes() {
    Codecs replaced = Codecs.create(List.of(TestCodecs.provider("raw", () ->
        TestCodecs.tag('r').create(Map.of()))), Map.of());
    assertArrayEquals(utf8("xr"), replaced.resolve("raw").encode(utf8("x")));
    assertEquals(List.of("raw", "string"), replaced.known());
  }
}
