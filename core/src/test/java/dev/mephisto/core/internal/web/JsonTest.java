package dev.mephisto.core.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesAndReadsBackNestedValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\n<tag>");
    m.put("n", 42L);
    m.put("d", 1.5);
    m.put("b", true);
    m.put("z", null);
    m.put("l", List.of(1L, "x", Map.of("k", false)));
    m.put("o", Optional.of("present"));
    m.put("raw", new Json.Raw("{\"x\":[1,2]}"));
    String text = Json.write(m);
    assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u003ctag\\u003e\",\"n\":42,\"d\":1.5,\"b\":true,"
        + "\"z\":null,\"l\":[1,\"x\",{\"k\":false}],\"o\":\"present\",\"raw\":{\"x\":[1,2]}}", text);
    Map<String, Object> back = new LinkedHashMap<>(m);
    back.put("o", "present");
    back.put("raw", Map.of("x", List.of(1L, 2L)));
    assertEquals(back, Json.parse(text));
  }

  @Test
  void writesNonFiniteNumbersAsNull() {
    assertEquals("[null,null]", Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY)));
  }

  @Test
  void refusesBrokenAndTooDeepInput() {
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]x"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("\"\\u12\""));
    char[] deep = new char[200];
    Arrays.fill(deep, '[');
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parse(new String(deep)));
    assertEquals("JSON nested deeper than 64", e.getMessage());
  }

  @Test
  void readsEscapesAndNumbers() {
    assertEquals(List.of("é\t", -3L, 2.5e3, "\u00e9"), Json.parse(" [\"\\u00e9\\t\", -3, 2.5e3, \"é\"] "));
  }
}
