package dev.mephisto.core.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mephisto.codec.Codecs;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyParserTest {
  enum Color { RED, GREEN }

  record Account(String id, int region) {}

  private final Codecs codecs = Codecs.create(List.of(), Map.of());

  @Test
  void parsesScalarsWithTheDeclaredType() {
    assertEquals("ann", KeyParser.parse("ann", String.class, codecs, "t"));
    assertEquals(42L, KeyParser.parse("42", Long.class, codecs, "t"));
    assertEquals(7, KeyParser.parse(" 7 ", int.class, codecs, "t"));
    assertEquals(true, KeyParser.parse("TRUE", Boolean.class, codecs, "t"));
    assertEquals(new BigDecimal("1.50"), KeyParser.parse("1.50", BigDecimal.class, codecs, "t"));
    UUID u = UUID.randomUUID();
    assertEquals(u, KeyParser.parse(u.toString(), UUID.class, codecs, "t"));
    assertEquals(Color.GREEN, KeyParser.parse("GREEN", Color.class, codecs, "t"));
  }

  @Test
  void refusesWhatDoesNotParseWithAMessageForPeople() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyParser.parse("12x", Long.class, codecs, "counts"));
    assertEquals("Key '12x' of table 'counts' is not a Long: not a number in range", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> KeyParser.parse("BLUE", Color.class, codecs, "colors"));
    assertEquals("Key 'BLUE' of table 'colors' is not a Color: expected one of [RED, GREEN]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> KeyParser.parse("maybe", boolean.class, codecs, "flags"));
    assertEquals("Key 'maybe' of table 'flags' is not a boolean: expected true or false", e.getMessage());
  }

  @Test
  void recordKeysAreReadAsJsonIntoTheDeclaredTypeOnly() {
    // the class always comes from the table, never from the request
    Object k = KeyParser.parse("{\"id\":\"a1\",\"region\":3}", Account.class, codecs, "accounts");
    assertEquals(new Account("a1", 3), k);
    assertThrows(IllegalArgumentException.class,
        () -> KeyParser.parse("{\"id\":", Account.class, codecs, "accounts"));
  }
}
