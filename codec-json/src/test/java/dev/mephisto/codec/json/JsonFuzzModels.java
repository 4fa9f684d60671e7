package dev.mephisto.codec.json;

import dev.mephisto.FieldDefault;
import dev.mephisto.FieldName;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import dev.mephisto.testkit.codec.CodecFuzzKit.Hostile;
import dev.mephisto.testkit.codec.FuzzRandom;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Values and hostile payloads the json fuzz suites share. */
final class JsonFuzzModels {
  private JsonFuzzModels() {}

  enum Size { S, M, L }

  @Model(namespace = "fuzz.Sample")
  record Sample(String name, int count, long id, double price, boolean flag, List<String> tags,
      Map<String, Integer> stock, Optional<String> note, BigDecimal amount, Instant at, Size size,
      Optional<Sample> child) {}

  /** Faust's snake_case names on camelCase components, with defaults for absent fields. */
  @Model(namespace = "fuzz.Renamed", naming = Naming.SNAKE_CASE)
  record Renamed(String accountId, @FieldDefault("1") int quantity,
      @FieldDefault("EUR") String currency, @FieldName("qty2") long otherCount,
      @FieldDefault("[]") List<String> tagNames, Optional<String> giftNote) {}

  sealed interface Event permits Opened, Closed {}

  @Model(namespace = "fuzz.Opened")
  record Opened(String by) implements Event {}

  @Model(namespace = "fuzz.Closed")
  record Closed(String by, long at) implements Event {}

  static final List<Class<?>> TARGETS = List.of(Sample.class, Event.class, Map.class, List.class,
      Object.class, String.class, Instant.class, BigDecimal.class, Renamed.class);

  static Object value(FuzzRandom r) {
    return switch (r.nextInt(7)) {
      case 0, 1 -> sample(r, 3);
      case 6 -> new Renamed(r.text(12), r.anyInt(), r.text(3), r.anyLong(), r.texts(3, 6),
          r.nextBoolean() ? Optional.of(r.text(10)) : Optional.empty());
      case 2 -> r.nextBoolean() ? new Opened(r.text(10)) : new Closed(r.text(10), r.anyLong());
      case 3 -> untypedMap(r, 3);
      case 4 -> r.text(30);
      default -> untypedList(r, 2);
    };
  }

  static Class<?> decodeType(Object v) {
    if (v instanceof Event) {
      return Event.class;
    }
    if (v instanceof Map) {
      return Map.class;
    }
    if (v instanceof List) {
      return List.class;
    }
    return v.getClass();
  }

  static Sample sample(FuzzRandom r, int depth) {
    List<String> tags = r.texts(3, 8);
    Map<String, Integer> stock = r.textToInts(3);
    BigDecimal amount = BigDecimal.valueOf(r.anyLong(), r.nextInt(-5, 20));
    Instant at = Instant.ofEpochSecond(r.nextLong() % 100_000_000_000L, r.nextInt(1_000_000_000));
    return new Sample(r.text(20), r.anyInt(), r.anyLong(), r.anyDouble(), r.nextBoolean(), tags,
        stock, r.nextBoolean() ? Optional.of(r.text(10)) : Optional.empty(), amount, at,
        r.pick(List.of(Size.values())),
        depth > 0 && r.chance(0.3) ? Optional.of(sample(r, depth - 1)) : Optional.empty());
  }

  private static Object scalar(FuzzRandom r) {
    return switch (r.nextInt(7)) {
      case 0 -> r.text(12);
      case 1 -> r.anyInt();
      case 2 -> {
        long l = r.anyLong();
        yield l == (int) l ? (Object) (int) l : (Object) l; // as Jackson reads them back
      }
      case 3 -> r.anyDouble();
      case 4 -> r.nextBoolean();
      case 5 -> null;
      default -> r.text(3);
    };
  }

  static Map<String, Object> untypedMap(FuzzRandom r, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      m.put(r.text(8), depth > 0 && r.chance(0.3)
          ? (r.nextBoolean() ? untypedMap(r, depth - 1) : untypedList(r, depth - 1)) : scalar(r));
    }
    return m;
  }

  static List<Object> untypedList(FuzzRandom r, int depth) {
    List<Object> l = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      l.add(depth > 0 && r.chance(0.3) ? untypedMap(r, depth - 1) : scalar(r));
    }
    return l;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Deep nesting, huge numbers, overlong UTF-8, wrong JSON types, class names in __faust. */
  static List<Hostile> hostile() {
    return List.of(
        new Hostile("deep nesting", r -> {
          int n = r.nextInt(400, 3_000);
          String open = r.pick(List.of("[", "{\"a\": ", "{\"name\": \"x\", \"child\": "));
          String close = open.equals("[") ? "]" : "}";
          return utf8(open.repeat(n) + "null" + close.repeat(r.nextBoolean() ? n : n / 2));
        }),
        new Hostile("huge numbers", r -> utf8("{\"amount\": " + r.pick(List.of(
            "\"" + "9".repeat(r.nextInt(900, 20_000)) + "\"", "1e999999999", "\"-1E-999999999\"",
            "9".repeat(r.nextInt(900, 3_000)), "1e18", "\"1e1000\"", "-0.0e-0"))
            + ", \"at\": " + r.pick(List.of("1e18", "-1e30", "\"+1000000000-01-01T00:00:00Z\"",
            "[2024, 13, 1, 0, 0]", "99999999999999999999")) + "}")),
        new Hostile("overlong UTF-8 in strings", r -> {
          byte[] bad = r.invalidUtf8();
          byte[] head = utf8("{\"name\": \"a");
          byte[] tail = utf8("b\", \"tags\": []}");
          byte[] out = new byte[head.length + bad.length + tail.length];
          System.arraycopy(head, 0, out, 0, head.length);
          System.arraycopy(bad, 0, out, head.length, bad.length);
          System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
          return out;
        }),
        new Hostile("wrong JSON types", r -> utf8(r.pick(List.of(
            "{\"size\": 1}", "{\"size\": \"1\"}", "{\"tags\": [\"a\", null]}",
            "{\"stock\": {\"x\": null}}", "{\"count\": \"10\"}", "{\"flag\": 1}",
            "{\"count\": 1.5}", "{\"tags\": {}}", "[" + "0, ".repeat(r.nextInt(1, 5_000)) + "0]",
            "{\"count\": 3000000000}", "\"\\ud800\"", "{\"name\": \"\\u0000\"}")))),
        new Hostile("class names in a message", r -> utf8(r.pick(List.of(
            "{\"name\": \"x\", \"__faust\": {\"ns\": \"java.lang.ProcessBuilder\"}}",
            "{\"@class\": \"java.io.FileOutputStream\", \"name\": \"/tmp/x\"}",
            "[\"java.io.FileOutputStream\", \"/tmp/x\"]",
            "{\"by\": \"x\", \"__faust\": {\"ns\": \"fuzz.Closed\", \"ns\": \"java.lang.Runtime\"}}")))));
  }
}
