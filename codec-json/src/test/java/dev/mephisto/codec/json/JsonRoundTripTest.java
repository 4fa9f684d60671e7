package dev.mephisto.codec.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every supported type survives encode then decode. */
class JsonRoundTripTest {
  enum Color { RED, GREEN }

  record Address(String street, int number) {}

  record Everything(
      String text, int i, long l, double d, float f, boolean b, short s, byte by, char c,
      Integer boxed, BigDecimal decimal, BigInteger big, byte[] bytes, Color color, UUID id,
      Instant at, LocalDate day, LocalDateTime local, LocalTime time, OffsetDateTime offset,
      Duration took, List<String> tags, Set<Integer> numbers, Map<String, Double> prices,
      Map<String, List<Address>> byCity, Address home, Optional<String> nickname,
      Optional<Address> work, List<Optional<String>> maybe, int[] ints, double[] doubles,
      Map<String, Object> free) {}

  sealed interface Shape permits Circle, Square, Polygon {}

  @Model(namespace = "geo.Circle")
  record Circle(double radius) implements Shape {}

  @Model(namespace = "geo.Square")
  record Square(double side) implements Shape {}

  sealed interface Polygon extends Shape permits Triangle {}

  @Model(namespace = "geo.Triangle")
  record Triangle(double a, double b, double c) implements Polygon {}

  record Drawing(String name, List<Shape> shapes, Shape main) {}

  record Box<T>(T value, List<T> more) {}

  record Tree(String name, List<Tree> children) {}

  private final Codec json = Codecs.get("json");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Everything everything() {
    return new Everything("tëxt \"q\"", -7, 1L << 40, 3.25, 1.5f, true, (short) 3, (byte) -2,
        'x', 42, new BigDecimal("1185.980"), new BigInteger("123456789012345678901234567890"),
        new byte[] {0, 1, (byte) 255}, Color.GREEN, UUID.fromString("0f14d0ab-9605-4a62-a9e4-5ed26688389b"),
        Instant.parse("2024-05-06T07:08:09.123456789Z"), LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalTime.of(23, 59),
        OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)), Duration.ofMillis(2800),
        List.of("a", "b"), Set.of(1, 2, 3), Map.of("EUR", 1.5), Map.of("Paris",
        List.of(new Address("Rue", 1))), new Address("Main", 7), Optional.of("bob"),
        Optional.empty(), List.of(Optional.of("x"), Optional.empty()), new int[] {1, 2},
        new double[] {0.5}, Map.of("k", List.of(1, "two")));
  }

  @Test
  void roundTripsEverySupportedFieldType() {
    Everything e = everything();
    Everything back = json.decode(json.encode(e), Everything.class);
    assertArrayEquals(e.bytes(), back.bytes());
    assertArrayEquals(e.ints(), back.ints());
    assertArrayEquals(e.doubles(), back.doubles());
    // arrays compare by identity in record equals; compare the rest through a copy
    Everything normalized = new Everything(back.text(), back.i(), back.l(), back.d(), back.f(),
        back.b(), back.s(), back.by(), back.c(), back.boxed(), back.decimal(), back.big(),
        e.bytes(), back.color(), back.id(), back.at(), back.day(), back.local(), back.time(),
        back.offset(), back.took(), back.tags(), back.numbers(), back.prices(), back.byCity(),
        back.home(), back.nickname(), back.work(), back.maybe(), e.ints(), e.doubles(),
        back.free());
    assertEquals(e, normalized);
  }

  @Test
  void writesJavaTimeAsIsoTextAndDecimalsAsTextAsFaust() {
    String wire = new String(json.encode(everything()), StandardCharsets.UTF_8);
    assertContains(wire, "\"at\": \"2024-05-06T07:08:09.123456789Z\"");
    assertContains(wire, "\"day\": \"2024-02-29\"");
    assertContains(wire, "\"offset\": \"2024-01-02T03:04:05+02:00\"");
    assertContains(wire, "\"took\": \"PT2.8S\"");
    assertContains(wire, "\"decimal\": \"1185.980\"");
    assertContains(wire, "\"bytes\": \"AAH/\"");
    assertContains(wire, "\"color\": \"GREEN\"");
  }

  private static void assertContains(String haystack, String needle) {
    if (!haystack.contains(needle)) {
      throw new AssertionError("expected " + needle + " in " + haystack);
    }
  }

  @Test
  void readsPythonIsoformatAndDecimalNumbers() {
    record When(Instant at, BigDecimal price) {}
    When w = json.decode(utf8("{\"at\": \"2024-05-06T07:08:09.123456+00:00\", \"price\": 12.50}"),
        When.class);
    assertEquals(new When(Instant.parse("2024-05-06T07:08:09.123456Z"), new BigDecimal("12.50")), w);
  }

  @Test
  void decodesSealedInterfaceByFaustNamespace() {
    Shape s = json.decode(utf8("{\"side\": 2.0, \"__faust\": {\"ns\": \"geo.Square\"}}"),
        Shape.class);
    assertEquals(new Square(2.0), s);
    Shape t = json.decode(utf8("{\"__faust\": {\"ns\": \"geo.Triangle\"}, \"a\": 3, \"b\": 4, "
        + "\"c\": 5}"), Shape.class);
    assertEquals(new Triangle(3, 4, 5), t);
    Drawing d = new Drawing("d", List.of(new Circle(1), new Triangle(1, 1, 1)), new Square(3));
    assertEquals(d, json.decode(json.encode(d), Drawing.class));
  }

  @Test
  void roundTripsGenericAndRecursiveRecords() {
    Tree t = new Tree("root", List.of(new Tree("leaf", List.of())));
    assertEquals(t, json.decode(json.encode(t), Tree.class));
    Box<String> box = new Box<>("a", List.of("b"));
    assertEquals(box, json.decode(json.encode(box), Box.class));
  }

  @Test
  void decodesPlainDictsToMapsAndObjects() {
    byte[] wire = utf8("{\"user\": \"ann\", \"n\": 3, \"x\": 1.5, \"tags\": [\"a\"], "
        + "\"__faust\": {\"ns\": \"some.Model\"}}");
    Map<?, ?> m = json.decode(wire, Map.class);
    assertEquals("ann", m.get("user"));
    assertEquals(3, m.get("n"));
    assertEquals(1.5, m.get("x"));
    assertEquals(List.of("a"), m.get("tags"));
    assertEquals(Map.of("ns", "some.Model"), m.get("__faust"));
    assertInstanceOf(Map.class, json.decode(wire, Object.class));
    assertEquals(List.of(1, 2), json.decode(utf8("[1, 2]"), List.class));
    assertEquals("hi", json.decode(utf8("\"hi\""), String.class));
    assertEquals(7L, json.decode(utf8("7"), Long.class));
    assertEquals(true, json.decode(utf8("true"), Object.class));
  }

  @Test
  void plainValuesRoundTrip() {
    for (Object v : List.of("text", 42, 3.5, List.of("a", 1), Map.of("a", Map.of("b", false)))) {
      Class<?> type = v instanceof String ? String.class : Object.class;
      assertEquals(v, json.decode(json.encode(v), type));
    }
  }
}
