package dev.mephisto.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads the text of a {@link dev.mephisto.FieldDefault} as a value of the component's type. */
final class DefaultValues {
  static final String SUPPORTED = "String, boolean, byte, short, int, long, float, double (or"
      + " their boxes), char, BigDecimal, BigInteger, enums, UUID, Instant, LocalDate, and"
      + " List, Set or Map (empty only: \"[]\", \"{}\")";
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private DefaultValues() {}

  /**
   * @param text the annotation's text
   * @param type the component's type ({@code T} for an {@code Optional<T>})
   * @return the value
   * @throws IllegalArgumentException completing "has @FieldDefault("x"), but ..."
   */
  static Object parse(String text, Type type) {
    Class<?> c = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
        : type instanceof Class<?> k ? k : Object.class;
    if (c == String.class || c == CharSequence.class) {
      return text;
    }
    if (c == boolean.class || c == Boolean.class) {
      return switch (text) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("a boolean is \"true\" or \"false\"");
      };
    }
    if (c == int.class || c == Integer.class) {
      return (int) whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
    }
    if (c == long.class || c == Long.class) {
      return whole(text, Long.MIN_VALUE, Long.MAX_VALUE, "a long");
    }
    if (c == short.class || c == Short.class) {
      return (short) whole(text, Short.MIN_VALUE, Short.MAX_VALUE, "a short");
    }
    if (c == byte.class || c == Byte.class) {
      return (byte) whole(text, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte");
    }
    if (c == double.class || c == Double.class) {
      double d = Double.parseDouble(decimal(text, "a double"));
      return finite(d, Double.isInfinite(d), "a double");
    }
    if (c == float.class || c == Float.class) {
      float f = Float.parseFloat(decimal(text, "a float"));
      return finite(f, Float.isInfinite(f), "a float");
    }
    if (c == char.class || c == Character.class) {
      if (text.length() != 1) {
        throw new IllegalArgumentException("a char is exactly one character");
      }
      return text.charAt(0);
    }
    if (c == BigDecimal.class) {
      return new BigDecimal(decimal(text, "a BigDecimal"));
    }
    if (c == BigInteger.class) {
      if (!WHOLE.matcher(text).matches()) {
        throw new IllegalArgumentException("a BigInteger is a whole number such as 42 or -7");
      }
      return new BigInteger(text);
    }
    if (c.isEnum()) {
      return constant(text, c);
    }
    if (c == UUID.class) {
      try {
        UUID u = UUID.fromString(text);
        if (u.toString().equalsIgnoreCase(text)) {
          return u;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new IllegalArgumentException("a UUID is 36 characters such as"
          + " \"123e4567-e89b-12d3-a456-426614174000\"");
    }
    if (c == Instant.class || c == LocalDate.class) {
      try {
        return c == Instant.class ? Instant.parse(text) : LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("an " + c.getSimpleName() + " is ISO-8601 text such as \""
            + (c == Instant.class ? "2024-01-31T12:00:00Z" : "2024-01-31") + "\"");
      }
    }
    if (c == List.class || c == Collection.class || c == Set.class) {
      if (!text.equals("[]")) {
        throw new IllegalArgumentException("a " + c.getSimpleName() + " default can only be empty,"
            + " written \"[]\"; for another default use Optional and fill it in the record's"
            + " constructor");
      }
      return c == Set.class ? Set.of() : List.of();
    }
    if (c == Map.class) {
      if (!text.equals("{}")) {
        throw new IllegalArgumentException("a Map default can only be empty, written \"{}\"");
      }
      return Map.of();
    }
    throw new IllegalArgumentException("a default cannot be given for type '" + type.getTypeName()
        + "'; supported: " + SUPPORTED + ". Declare the component Optional instead (absent:"
        + " Optional.empty())");
  }

  private static long whole(String text, long min, long max, String what) {
    String range = what + " is a whole number from " + min + " to " + max;
    if (!WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(range);
    }
    try {
      long v = Long.parseLong(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // out of long's range: reported below
    }
    throw new IllegalArgumentException(range);
  }

  private static String decimal(String text, String what) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException(what + " is a decimal number such as 0, -1.5 or 2.5e3");
    }
    return text;
  }

  private static Object finite(Object value, boolean infinite, String what) {
    if (infinite) {
      throw new IllegalArgumentException("it is out of the range of " + what);
    }
    return value;
  }

  private static Object constant(String text, Class<?> enumType) {
    List<String> names = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      if (name.equals(text)) {
        return constant;
      }
      names.add(name);
    }
    throw new IllegalArgumentException(enumType.getSimpleName() + " has no constant of that name;"
        + " expected one of " + names);
  }
}
