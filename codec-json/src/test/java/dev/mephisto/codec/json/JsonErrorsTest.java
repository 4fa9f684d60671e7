package dev.mephisto.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Messages that do not fit fail with a CodecException naming field, expected and actual. */
class JsonErrorsTest {
  record Purchase(String username, int amount) {}

  record Line(String sku, double price) {}

  record Order(String id, List<Line> lines, Map<String, Integer> stock) {}

  record Maybe(String name, Optional<Integer> age) {}

  record Dated(Instant at) {}

  enum Size { S, M }

  record Shirt(Size size) {}

  record Positive(int n) {
    Positive {
      if (n <= 0) {
        throw new IllegalArgumentException("n must be positive but was " + n);
      }
    }
  }

  sealed interface Animal permits Cat, Dog {}

  @Model(namespace = "zoo.Cat")
  record Cat(String name) implements Animal {}

  @Model(namespace = "zoo.Dog")
  record Dog(String name) implements Animal {}

  record WithNull(String name) {}

  private final Codec json = Codecs.get("json");

  private String failure(String input, Class<?> type) {
    CodecException e = assertThrows(CodecException.class,
        () -> json.decode(input.getBytes(StandardCharsets.UTF_8), type));
    assertNoJacksonIn(e);
    return e.getMessage();
  }

  private static void assertNoJacksonIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      assertTrue(!name.startsWith("com.fasterxml"), () -> "leaked " + name);
    }
  }

  @Test
  void wrongTypeNamesFieldExpectedAndActual() {
    assertEquals("field 'amount' expected int but was \"ten\" (decoding Purchase)",
        failure("{\"username\": \"a\", \"amount\": \"ten\"}", Purchase.class));
    assertEquals("field 'username' expected String but was 5 (decoding Purchase)",
        failure("{\"username\": 5, \"amount\": 1}", Purchase.class));
    assertEquals("field 'amount' expected int but was 1.5 (decoding Purchase)",
        failure("{\"username\": \"a\", \"amount\": 1.5}", Purchase.class));
  }

  @Test
  void missingFieldIsNamed() {
    String m = failure("{\"username\": \"a\"}", Purchase.class);
    assertTrue(m.startsWith("field 'amount' is missing; expected int"), m);
  }

  @Test
  void nullForPrimitiveIsRejected() {
    assertEquals("field 'amount' expected int but was null (decoding Purchase)",
        failure("{\"username\": \"a\", \"amount\": null}", Purchase.class));
  }

  @Test
  void nullForNonOptionalReferenceSuggestsOptional() {
    String m = failure("{\"name\": null}", WithNull.class);
    assertTrue(m.startsWith("field 'name' expected String (declare the component Optional"), m);
    assertEquals(new Maybe("a", Optional.empty()),
        json.decode("{\"name\": \"a\", \"age\": null}".getBytes(StandardCharsets.UTF_8),
            Maybe.class));
    assertEquals(new Maybe("a", Optional.empty()),
        json.decode("{\"name\": \"a\"}".getBytes(StandardCharsets.UTF_8), Maybe.class));
  }

  @Test
  void nestedPathsAreNamed() {
    assertEquals("field 'lines[1].price' expected double but was \"cheap\" (decoding Order)",
        failure("{\"id\": \"o\", \"lines\": [{\"sku\": \"a\", \"price\": 1}, {\"sku\": \"b\", "
            + "\"price\": \"cheap\"}], \"stock\": {}}", Order.class));
    assertEquals("field 'stock.apples' expected Integer but was \"many\" (decoding Order)",
        failure("{\"id\": \"o\", \"lines\": [], \"stock\": {\"apples\": \"many\"}}", Order.class));
    assertEquals("field 'lines' expected List<Line> but was an object (decoding Order)",
        failure("{\"id\": \"o\", \"lines\": {}, \"stock\": {}}", Order.class));
    assertEquals("field 'age' expected Integer but was \"old\" (decoding Maybe)",
        failure("{\"name\": \"a\", \"age\": \"old\"}", Maybe.class));
  }

  @Test
  void outOfRangeAndBadFormatsAreExplained() {
    assertTrue(failure("{\"username\": \"a\", \"amount\": 3000000000}", Purchase.class)
        .startsWith("field 'amount' expected int but was 3000000000, which is out of range"));
    assertEquals("field 'at' expected Instant (ISO-8601 text) but was \"yesterday\" "
        + "(decoding Dated)", failure("{\"at\": \"yesterday\"}", Dated.class));
    assertEquals("field 'size' expected one of [S, M] but was \"XL\" (decoding Shirt)",
        failure("{\"size\": \"XL\"}", Shirt.class));
  }

  @Test
  void malformedJsonNamesThePosition() {
    String m = failure("{\"username\": \"a\", \"amount\": 1", Purchase.class);
    assertTrue(m.startsWith("Malformed JSON at line 1, column "), m);
    m = failure("{\"username\": \"a\",, \"amount\": 1}", Purchase.class);
    assertTrue(m.startsWith("Malformed JSON at line 1, column 18 (byte 17): "), m);
    m = failure("{\"username\": \"a\", \"amount\": 1} trailing", Purchase.class);
    assertTrue(m.startsWith("Malformed JSON at line 1, column "), m);
    m = failure("", Purchase.class);
    assertTrue(m.contains("the input is empty"), m);
    m = failure("\u0000\u00ff garbage", Map.class);
    assertTrue(m.startsWith("Malformed JSON"), m);
  }

  @Test
  void wholeValueOfWrongShapeIsExplained() {
    assertEquals("value expected Purchase (a JSON object) but was an array (decoding Purchase)",
        failure("[1, 2]", Purchase.class));
    assertEquals("value expected Map but was \"text\" (decoding Map)", failure("\"text\"", Map.class));
    assertEquals("value expected Purchase but was null", failure("null", Purchase.class));
  }

  @Test
  void constructorRejectionKeepsTheCause() {
    CodecException e = assertThrows(CodecException.class,
        () -> json.decode("{\"n\": -1}".getBytes(StandardCharsets.UTF_8), Positive.class));
    assertTrue(e.getMessage().contains("rejected by the constructor of Positive"), e.getMessage());
    assertTrue(e.getCause() instanceof IllegalArgumentException, () -> String.valueOf(e.getCause()));
  }

  @Test
  void unknownOrMissingNamespaceListsTheKnownOnes() {
    assertEquals("value has \"__faust\" ns 'zoo.Cow', which names no record of sealed Animal; "
        + "known namespaces: [zoo.Cat, zoo.Dog] (decoding Animal)",
        failure("{\"name\": \"x\", \"__faust\": {\"ns\": \"zoo.Cow\"}}", Animal.class));
    assertEquals("value has no \"__faust\": {\"ns\": ...} to pick a record of sealed Animal; "
        + "known namespaces: [zoo.Cat, zoo.Dog] (decoding Animal)",
        failure("{\"name\": \"x\"}", Animal.class));
    assertEquals(new Dog("rex"), json.decode(
        "{\"name\": \"rex\", \"__faust\": {\"ns\": \"zoo.Dog\"}}".getBytes(StandardCharsets.UTF_8),
        Animal.class));
  }

  @Test
  void encodingNullComponentFailsWithCodecException() {
    CodecException e = assertThrows(CodecException.class,
        () -> json.encode(new Purchase(null, 1)));
    assertTrue(e.getMessage().contains("field 'username' of Purchase is null"), e.getMessage());
    assertNoJacksonIn(e);
  }

  @Test
  void misspelledCodecNameSuggestsJson() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Codecs.get("jsn"));
    assertTrue(e.getMessage().startsWith("Unknown codec 'jsn' in 'jsn'; available: ["),
        e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'json'?"), e.getMessage());
  }
}
