package dev.mephisto.codec.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Bytes exactly as Python Faust's {@code json} codec writes them. */
class FaustWireCompatibilityTest {
  static final String NS = "l6_stream_with_faust.data_ingestion.lessons.hello_world.PurchaseDollars";

  @Model(namespace = NS)
  record PurchaseDollars(String username, String currency, double amount) {}

  @Model(faustMetadata = false)
  record Plain(String name, int count) {}

  record Unannotated(String name) {}

  @Model(namespace = "shop.Line")
  record Line(String sku, double price) {}

  @Model(namespace = "shop.Order")
  record Order(String id, List<Line> lines, Optional<String> note) {}

  private final Codec json = Codecs.get("json");

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"username\": \"youngcarol\", \"currency\": \"QAR\", \"amount\": 1185.98, \"__faust\": {\"ns\": \"" + NS + "\"}}",
      "{\"username\": \"stewartscott\", \"currency\": \"SGD\", \"amount\": 377.6, \"__faust\": {\"ns\": \"" + NS + "\"}}",
      "{\"username\": \"xpayne\", \"currency\": \"GYD\", \"amount\": 1232.5, \"__faust\": {\"ns\": \"" + NS + "\"}}"})
  void decodesFaustMessageAndReencodesTheSameBytes(String message) {
    PurchaseDollars p = json.decode(utf8(message), PurchaseDollars.class);
    assertEquals(message.split("\"username\": \"")[1].split("\"")[0], p.username());
    assertArrayEquals(utf8(message), json.encode(p), () -> text(json.encode(p)));
  }

  @Test
  void decodesFaustMessageWithNamespace() {
    PurchaseDollars p = json.decode(utf8("{\"username\": \"youngcarol\", \"currency\": \"QAR\", "
        + "\"amount\": 1185.98, \"__faust\": {\"ns\": \"" + NS + "\"}}"), PurchaseDollars.class);
    assertEquals(new PurchaseDollars("youngcarol", "QAR", 1185.98), p);
  }

  @Test
  void decodesMessageWithoutFaustMetadataInAnyFieldOrder() {
    PurchaseDollars p = json.decode(
        utf8("{\"amount\":12,\"currency\":\"EUR\",\"extra\":[1,{\"x\":2}],\"username\":\"ann\"}"),
        PurchaseDollars.class);
    assertEquals(new PurchaseDollars("ann", "EUR", 12.0), p);
  }

  @Test
  void writesNoMetadataWhenModelTurnsItOff() {
    assertEquals("{\"name\": \"a\", \"count\": 2}", text(json.encode(new Plain("a", 2))));
    assertEquals(new Plain("a", 2),
        json.decode(utf8("{\"name\": \"a\", \"count\": 2, \"__faust\": {\"ns\": \"x\"}}"),
            Plain.class));
  }

  @Test
  void defaultNamespaceIsTheBinaryClassName() {
    assertEquals("{\"name\": \"a\", \"__faust\": {\"ns\": \"" + Unannotated.class.getName()
        + "\"}}", text(json.encode(new Unannotated("a"))));
    assertEquals("dev.mephisto.codec.json.FaustWireCompatibilityTest$Unannotated",
        Unannotated.class.getName());
  }

  @Test
  void nestedRecordsCarryTheirOwnMetadataAndEmptyOptionalIsNull() {
    Order o = new Order("o1", List.of(new Line("a", 1.5), new Line("b", 2.0)), Optional.empty());
    assertEquals("{\"id\": \"o1\", \"lines\": [{\"sku\": \"a\", \"price\": 1.5, \"__faust\": "
        + "{\"ns\": \"shop.Line\"}}, {\"sku\": \"b\", \"price\": 2.0, \"__faust\": {\"ns\": "
        + "\"shop.Line\"}}], \"note\": null, \"__faust\": {\"ns\": \"shop.Order\"}}",
        text(json.encode(o)));
    assertEquals(o, json.decode(json.encode(o), Order.class));
  }

  @Test
  void escapesNonAsciiAsPythonEnsureAsciiDoes() {
    // Python: json.dumps({"name": "Zoë 😀\u007f\t/"}) == '{"name": "Zo\\u00eb \\ud83d\\ude00\\u007f\\t/"}'
    Map<String, String> m = Map.of("name", "Zoë 😀\u007f\t/");
    String wire = text(json.encode(m));
    assertEquals("{\"name\": \"Zo\\u00eb \\ud83d\\ude00\\u007f\\t/\"}", wire);
    assertEquals(m, json.decode(utf8(wire), Map.class));
  }

  @Model(namespace = "größen.Maß")
  record Maß(int größe) {}

  @Test
  void escapesNonAsciiFieldNamesAndNamespacesToo() {
    String wire = text(json.encode(new Maß(3)));
    assertEquals("{\"gr\\u00f6\\u00dfe\": 3, \"__faust\": {\"ns\": \"gr\\u00f6\\u00dfen.Ma\\u00df\"}}",
        wire);
    assertEquals(new Maß(3), json.decode(utf8(wire), Maß.class));
  }

  @Test
  void writesJavaFloatsWithTheirOwnShortestDigits() {
    assertEquals("[0.1, 10000000000.0, 1e-45, 3.4028235e+38]",
        text(json.encode(new float[] {0.1f, 1e10f, Float.MIN_VALUE, Float.MAX_VALUE})));
    assertEquals("2.5", text(json.encode(2.5f)));
  }

  @Test
  void writesEmptyContainersAndPlainValuesAsPython() {
    assertEquals("{}", text(json.encode(Map.of())));
    assertEquals("[]", text(json.encode(List.of())));
    assertEquals("[1, 2.5, \"x\", true, null]",
        text(json.encode(java.util.Arrays.asList(1, 2.5, "x", true, null))));
    assertEquals("\"text\"", text(json.encode("text")));
    assertEquals("{\"a\": {\"b\": [1, 2]}}", text(json.encode(Map.of("a", Map.of("b", List.of(1, 2))))));
  }

  @Test
  void writesFloatsAsPythonRepr() {
    // each pair: the double, then Python's repr() of it
    Object[][] cases = {
        {1185.98, "1185.98"}, {0.1, "0.1"}, {0.1 + 0.2, "0.30000000000000004"},
        {100.0, "100.0"}, {12345678.9, "12345678.9"}, {1e15, "1000000000000000.0"},
        {1e16, "1e+16"}, {1.2345e20, "1.2345e+20"}, {0.0001, "0.0001"}, {0.00001, "1e-05"},
        {1.5e-5, "1.5e-05"}, {5e-324, "5e-324"}, {1e-323, "1e-323"}, {1e23, "1e+23"},
        {Double.MAX_VALUE, "1.7976931348623157e+308"}, {-0.0, "-0.0"}, {-2.5, "-2.5"},
        {Double.NaN, "NaN"}, {Double.POSITIVE_INFINITY, "Infinity"},
        {Double.NEGATIVE_INFINITY, "-Infinity"}};
    for (Object[] c : cases) {
      assertEquals(c[1], text(json.encode(c[0])), () -> "repr of " + c[0]);
      assertEquals(c[0], json.decode(json.encode(c[0]), Double.class), () -> "read " + c[1]);
    }
    assertEquals("[0.1, 1e+16]", text(json.encode(new double[] {0.1, 1e16})));
  }
}
