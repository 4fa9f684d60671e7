package dev.mephisto.core.internal.web;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codecs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Turns a key written in a URL into the table's key type. The type always comes from the table's
 * declaration, never from the request: text, numbers, booleans, UUIDs and enum constants are
 * parsed as such, any other type (records) from JSON with the app's {@code json} codec.
 */
final class KeyParser {
  private KeyParser() {}

  /**
   * @param text the key as written in the URL (already percent-decoded)
   * @param type the table's key type
   * @param codecs the app's codecs (for JSON keys)
   * @param table the table, for messages
   * @return the key
   * @throws IllegalArgumentException with a message for people if it does not parse
   */
  static Object parse(String text, Class<?> type, Codecs codecs, String table) {
    try {
      return parse(text, type, codecs);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Key '" + text + "' of table '" + table + "' is not a "
          + type.getSimpleName() + ": " + message(e), e);
    }
  }

  private static String message(RuntimeException e) {
    return e instanceof NumberFormatException ? "not a number in range" : String.valueOf(e.getMessage());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object parse(String s, Class<?> type, Codecs codecs) {
    if (type == String.class || type == Object.class || type == CharSequence.class) {
      return s;
    }
    if (type == Long.class || type == long.class) {
      return Long.parseLong(s.trim());
    }
    if (type == Integer.class || type == int.class) {
      return Integer.parseInt(s.trim());
    }
    if (type == Short.class || type == short.class) {
      return Short.parseShort(s.trim());
    }
    if (type == Byte.class || type == byte.class) {
      return Byte.parseByte(s.trim());
    }
    if (type == Double.class || type == double.class) {
      return Double.parseDouble(s.trim());
    }
    if (type == Float.class || type == float.class) {
      return Float.parseFloat(s.trim());
    }
    if (type == Boolean.class || type == boolean.class) {
      String b = s.trim();
      if (b.equalsIgnoreCase("true") || b.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(b);
      }
      throw new IllegalArgumentException("expected true or false");
    }
    if (type == Character.class || type == char.class) {
      if (s.length() != 1) {
        throw new IllegalArgumentException("expected one character");
      }
      return s.charAt(0);
    }
    if (type == BigInteger.class) {
      return new BigInteger(s.trim());
    }
    if (type == BigDecimal.class) {
      return new BigDecimal(s.trim());
    }
    if (type == UUID.class) {
      return UUID.fromString(s.trim());
    }
    if (type == byte[].class) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (type.isEnum()) {
      for (Object c : type.getEnumConstants()) {
        if (((Enum) c).name().equals(s.trim())) {
          return c;
        }
      }
      throw new IllegalArgumentException("expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
    if (!codecs.known().contains("json")) {
      throw new IllegalArgumentException("keys of this type are written as JSON, and no 'json' "
          + "codec is on the class path (add dev.mephisto:mephisto-codec-json)");
    }
    try {
      return codecs.resolve("json").decode(s.getBytes(StandardCharsets.UTF_8), type);
    } catch (CodecException e) {
      throw new IllegalArgumentException("expected JSON of " + type.getSimpleName() + ": "
          + e.getMessage(), e);
    }
  }
}
