package dev.mephisto.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import dev.mephisto.testkit.codec.SmallStack;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 10: what a producer with write access can send a json decoder, and what it gets. */
class JsonHostileInputTest {
  record Dated(Instant at) {}

  record Stamped(LocalDateTime at) {}

  record Price(BigDecimal amount) {}

  record Count(BigInteger n) {}

  enum Size { S, M, L }

  record Shirt(Size size) {}

  record Tags(List<String> tags) {}

  record Stock(Map<String, Integer> stock) {}

  record Names(String[] names) {}

  record Ids(Set<Long> ids) {}

  record MaybeTags(List<Optional<String>> tags) {}

  record Node(String name, Optional<Node> child) {}

  private final Codec json = Codecs.get("json");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Codec json(Map<String, String> config) {
    return Codecs.create(List.of(), config).resolve("json");
  }

  private CodecException fails(Codec codec, byte[] input, Class<?> type) {
    return assertThrows(CodecException.class, () -> codec.decode(input, type));
  }

  @Test
  void instantOutOfRangeIsACodecExceptionNamingTheField() {
    CodecException e = fails(json, utf8("{\"at\": 1e18}"), Dated.class);
    assertTrue(e.getMessage().startsWith("field 'at' expected Instant (ISO-8601 text) but was"
        + " 1e18, which cannot be decoded: "), e.getMessage());
    assertInstanceOf(java.time.DateTimeException.class, e.getCause());
    // on its own, not inside a record
    fails(json, utf8("1e18"), Instant.class);
  }

  @Test
  void localDateTimeWithAThirteenthMonthIsACodecException() {
    CodecException e = fails(json, utf8("{\"at\": [2024, 13, 1, 0, 0]}"), Stamped.class);
    assertTrue(e.getMessage().startsWith("field 'at' expected LocalDateTime"), e.getMessage());
    assertTrue(e.getMessage().contains("MonthOfYear"), e.getMessage());
    fails(json, utf8("[2024, 13, 1, 0, 0]"), LocalDateTime.class);
  }

  @Test
  void decimalWrittenAsTextObeysTheNumberLengthLimitAsNumbersDo() {
    String digits = "1".repeat(1_000_000); // was ~14 s of CPU before the limit
    CodecException e = fails(json, utf8("{\"amount\": \"" + digits + "\"}"), Price.class);
    assertEquals("field 'amount' is a decimal of 1000000 characters but codec setting"
        + " 'json.max.number.length' allows at most 1000 (decoding Price)", e.getMessage());
    fails(json, utf8("{\"amount\": " + digits + "}"), Price.class); // Jackson's own limit
    // within the limit, Faust's text form and the number form both work
    assertEquals(new BigDecimal("12.50"), json.decode(utf8("{\"amount\": \"12.50\"}"), Price.class)
        .amount());
    assertEquals(new BigDecimal("1E+3"), json.decode(utf8("{\"amount\": 1E+3}"), Price.class)
        .amount());
    // the limit is a setting
    Codec wide = json(Map.of("json.max.number.length", "2000"));
    assertEquals(1500, wide.decode(utf8("{\"amount\": \"" + "7".repeat(1500) + "\"}"),
        Price.class).amount().precision());
  }

  @Test
  void decimalWhoseExponentNeedsMoreDigitsThanTheLimitIsRejected() {
    CodecException e = fails(json, utf8("{\"amount\": \"1e999999999\"}"), Price.class);
    assertTrue(e.getMessage().startsWith("field 'amount' is a decimal with exponent 999999999,"
        + " which needs more than 1000 digits written out"), e.getMessage());
    fails(json, utf8("{\"amount\": 1e-999999999}"), Price.class);
  }

  @Test
  void bigIntegerAsTextIsRejectedAndAsANumberIsLengthLimited() {
    fails(json, utf8("{\"n\": \"123\"}"), Count.class);
    fails(json, utf8("{\"n\": " + "9".repeat(1001) + "}"), Count.class);
    assertEquals(new BigInteger("9".repeat(1000)),
        json.decode(utf8("{\"n\": " + "9".repeat(1000) + "}"), Count.class).n());
  }

  @Test
  void overlongUtf8IsRejectedInsteadOfBecomingSlashOrNul() {
    CodecException slash = fails(json, new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'},
        String.class);
    assertEquals("Malformed JSON: byte 1 (0xc0 0xaf 0x22) is not well-formed UTF-8 (an overlong"
        + " form); JSON must be UTF-8", slash.getMessage());
    fails(json, new byte[] {'"', (byte) 0xc0, (byte) 0x80, '"'}, String.class);
    fails(json, new byte[] {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'}, List.class);
    fails(json, new byte[] {'"', (byte) 0xff, '"'}, Object.class);
    // JSON is UTF-8: Jackson would otherwise guess UTF-16 from zero bytes
    CodecException utf16 = fails(json, "\"ab\"".getBytes(StandardCharsets.UTF_16BE),
        String.class);
    assertTrue(utf16.getMessage().contains("0x00"), utf16.getMessage());
    assertEquals("é/", json.decode(utf8("\"é/\""), String.class));
  }

  @Test
  void enumsAreReadByNameOnly() {
    CodecException e = fails(json, utf8("{\"size\": 1}"), Shirt.class);
    assertTrue(e.getMessage().startsWith("field 'size' expected one of [S, M, L]"), e.getMessage());
    fails(json, utf8("{\"size\": \"1\"}"), Shirt.class);
    fails(json, utf8("1"), Size.class);
    assertEquals(new Shirt(Size.M), json.decode(utf8("{\"size\": \"M\"}"), Shirt.class));
  }

  @Test
  void nullElementsAreRejectedUnlessTheElementTypeAllowsNull() {
    assertEquals("field 'tags[1]' expected String but was null (declare the element type"
        + " Optional<String> if elements may be null) (decoding Tags)",
        fails(json, utf8("{\"tags\": [\"a\", null]}"), Tags.class).getMessage());
    assertTrue(fails(json, utf8("{\"stock\": {\"apples\": null}}"), Stock.class).getMessage()
        .startsWith("field 'stock.apples' expected Integer but was null"));
    assertTrue(fails(json, utf8("{\"names\": [null]}"), Names.class).getMessage()
        .startsWith("field 'names[0]' expected String but was null"));
    fails(json, utf8("{\"ids\": [1, null]}"), Ids.class);
    fails(json, utf8("[\"a\", null]"), String[].class);
    // Optional elements and untyped JSON (Faust's plain dicts) may hold null
    assertEquals(new MaybeTags(List.of(Optional.of("a"), Optional.empty())),
        json.decode(utf8("{\"tags\": [\"a\", null]}"), MaybeTags.class));
    Map<?, ?> plain = json.decode(utf8("{\"x\": null, \"y\": [1, null]}"), Map.class);
    assertEquals(Arrays.asList(1, null), plain.get("y"));
    assertTrue(plain.containsKey("x"));
    assertEquals(Arrays.asList("a", null), json.decode(utf8("[\"a\", null]"), List.class));
  }

  @Test
  void nestingDeeperThanTheDepthLimitFailsNamingTheSetting() {
    String deep = "[".repeat(501) + "]".repeat(501);
    CodecException e = fails(json, utf8(deep), Object.class);
    assertEquals("JSON over a limit at line 1, column 502 (byte 501): Document nesting depth (501)"
        + " exceeds the maximum allowed (500, codec setting 'json.max.depth')", e.getMessage());
    Object ok = json.decode(utf8("[".repeat(500) + "]".repeat(500)), Object.class);
    assertInstanceOf(List.class, ok);
    // records too, and the limit is a setting
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      nodes.append("{\"name\": \"n\", \"child\": ");
    }
    nodes.append("null").append("}".repeat(30));
    Codec shallow = json(Map.of("json.max.depth", "20"));
    fails(shallow, utf8(nodes.toString()), Node.class);
    assertEquals("n", json.decode(utf8(nodes.toString()), Node.class).name());
  }

  @Test
  void depthBeyondTheStackIsACodecExceptionNotAStackOverflowError() throws Exception {
    Codec unbounded = json(Map.of("json.max.depth", "1000000"));
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      nodes.append("{\"child\": ");
    }
    nodes.append("null").append("}".repeat(100_000));
    byte[] input = utf8(nodes.toString());
    Throwable thrown = SmallStack.thrownBy(() -> unbounded.decode(input, Node.class));
    assertInstanceOf(CodecException.class, thrown);
    assertTrue(thrown.getMessage().contains("json.max.depth"), thrown.getMessage());
  }

  @Test
  void collectionsLargerThanTheLimitFailNamingTheSetting() {
    Codec small = json(Map.of("json.max.collection.size", "3"));
    String four = "[\"a\", \"b\", \"c\", \"d\"]";
    assertEquals("field 'tags' has 4 elements but codec setting 'json.max.collection.size'"
        + " allows at most 3 (decoding Tags)",
        fails(small, utf8("{\"tags\": " + four + "}"), Tags.class).getMessage());
    fails(small, utf8(four), List.class);
    fails(small, utf8(four), Object.class);
    fails(small, utf8("{\"x\": " + four + "}"), Map.class);
    fails(small, utf8("{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}"), Map.class);
    fails(small, utf8(four), String[].class);
    fails(small, utf8("[1, 2, 3, 4]"), int[].class);
    assertEquals(List.of("a", "b", "c"), small.decode(utf8("[\"a\", \"b\", \"c\"]"), List.class));
  }

  @Test
  void limitsAreCheckedSettings() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> json(Map.of("json.max.depth", "deep")));
    assertTrue(e.getMessage().contains("Codec setting 'json.max.depth' is 'deep'"), e.getMessage());
    assertThrows(ConfigurationException.class,
        () -> json(Map.of("json.max.collection.size", "0")));
  }

  // --- nothing read from a payload picks a class --------------------------------------------

  /** Counts constructions; a decode that runs it has let the payload pick a class. */
  public static final class Canary implements Shape {
    static final List<String> BUILT = new ArrayList<>();

    public Canary() {
      BUILT.add("Canary()");
    }

    public Canary(String s) {
      BUILT.add("Canary(" + s + ")");
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
  public interface Shape {}

  public record Drawing(Shape shape) {}

  public record Loader(Class<?> type) {}

  public sealed interface Animal permits Cat {}

  @Model(namespace = "zoo.Cat")
  public record Cat(String name) implements Animal {}

  @Test
  void nothingInAMessagePicksAClass() {
    String canary = Canary.class.getName();
    // a namespace naming the class: only the sealed interface's permitted records are candidates
    assertTrue(fails(json, utf8("{\"name\": \"x\", \"__faust\": {\"ns\": \"" + canary + "\"}}"),
        Animal.class).getMessage().contains("names no record of sealed Animal"));
    // Jackson's class-name type ids are denied even where a model asks for them
    fails(json, utf8("{\"shape\": {\"@class\": \"" + canary + "\"}}"), Drawing.class);
    fails(json, utf8("[\"" + canary + "\", \"x\"]"), Shape.class);
    // Class values are never read
    assertTrue(fails(json, utf8("{\"type\": \"" + canary + "\"}"), Loader.class).getMessage()
        .contains("never decodes"));
    // untyped JSON stays maps and lists, whatever keys it has
    Map<?, ?> m = json.decode(utf8("{\"@class\": \"" + canary + "\", \"__faust\": {\"ns\": \""
        + canary + "\"}}"), Map.class);
    assertEquals(canary, m.get("@class"));
    json.decode(utf8("{\"@class\": \"" + canary + "\"}"), Object.class);
    assertEquals(List.of(), Canary.BUILT, "the canary's constructor ran");
    assertFalse(Canary.BUILT.iterator().hasNext());
  }
}
