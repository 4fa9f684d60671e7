package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.databind.JavaType;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;

/** Names types the way a person reads them in an error message: {@code List<String>}. */
final class Types {
  private Types() {}

  static String describe(JavaType t) {
    if (t == null) {
      return "a value";
    }
    Class<?> raw = t.getRawClass();
    if (raw.isEnum()) {
      return "one of " + Arrays.toString(raw.getEnumConstants());
    }
    String base = name(t);
    if (raw == byte[].class) {
      return base + " (base64 text)";
    }
    if (TemporalAccessor.class.isAssignableFrom(raw) || TemporalAmount.class.isAssignableFrom(raw)) {
      return base + " (ISO-8601 text)";
    }
    if (raw == BigDecimal.class) {
      return base + " (decimal number or text)";
    }
    return base;
  }

  static String describe(Class<?> c) {
    return c == null ? "a value" : describe(com.fasterxml.jackson.databind.type.TypeFactory
        .defaultInstance().constructType(c));
  }

  private static String name(JavaType t) {
    Class<?> raw = t.getRawClass();
    if (raw.isArray()) {
      return name(t.getContentType()) + "[]";
    }
    StringBuilder sb = new StringBuilder(raw.getSimpleName().isEmpty() ? raw.getName()
        : raw.getSimpleName());
    int n = t.containedTypeCount();
    if (n > 0) {
      sb.append('<');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(name(t.containedType(i)));
      }
      sb.append('>');
    }
    return sb.toString();
  }
}
