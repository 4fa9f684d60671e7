package dev.mephisto.codec.avro.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Writes a {@link dev.mephisto.FieldDefault}, already read as a Java value, as the default of a
 * derived schema's field: the JSON form Avro's specification gives each type, so that a reader of
 * data written without the field gets the same value {@code json} would give.
 */
final class AvroDefaults {
  private AvroDefaults() {}

  /**
   * @param value the default as a Java value of the component's type
   * @param schema the component's derived schema (not the null union)
   * @return the default in the form {@link Schema.Field}'s constructor takes
   * @throws IllegalArgumentException completing "has @FieldDefault("x"), but ..."
   */
  static Object of(Object value, Schema schema) {
    LogicalType lt = schema.getLogicalType();
    return switch (schema.getType()) {
      case BOOLEAN -> value;
      case STRING -> value.toString(); // String, or a UUID
      case INT -> value instanceof LocalDate d ? Math.toIntExact(d.toEpochDay())
          : ((Number) value).intValue();
      case LONG -> value instanceof Instant i ? timestamp(i, lt) : ((Number) value).longValue();
      case FLOAT -> ((Number) value).floatValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case ENUM -> ((Enum<?>) value).name();
      case BYTES -> {
        if (lt instanceof LogicalTypes.Decimal d && value instanceof BigDecimal v) {
          yield decimal(v, d);
        }
        throw new IllegalArgumentException("Avro bytes take no default from @FieldDefault");
      }
      case ARRAY -> {
        empty(((Collection<?>) value).isEmpty());
        yield List.of();
      }
      case MAP -> {
        empty(((Map<?, ?>) value).isEmpty());
        yield Map.of();
      }
      default -> throw new IllegalArgumentException("Avro type " + Incompatibilities.describe(schema)
          + " takes no default from @FieldDefault; use @AvroDefault with the default as JSON");
    };
  }

  private static long timestamp(Instant i, LogicalType lt) {
    String name = lt == null ? "" : lt.getName();
    try {
      if (name.endsWith("-micros")) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
      }
      if (name.endsWith("-nanos")) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
      }
      return i.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the instant does not fit Avro's " + name);
    }
  }

  /** Avro's JSON for bytes: a string whose code points 0-255 are the bytes. */
  private static String decimal(BigDecimal value, LogicalTypes.Decimal type) {
    BigDecimal scaled;
    try {
      scaled = value.setScale(type.getScale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("it has more than the " + type.getScale()
          + " fraction digits of decimal(" + type.getPrecision() + "," + type.getScale() + ")");
    }
    if (scaled.precision() > type.getPrecision()) {
      throw new IllegalArgumentException("it has more than the " + type.getPrecision()
          + " digits of decimal(" + type.getPrecision() + "," + type.getScale() + ")");
    }
    return new String(scaled.unscaledValue().toByteArray(), StandardCharsets.ISO_8859_1);
  }

  private static void empty(boolean isEmpty) {
    if (!isEmpty) {
      throw new IllegalArgumentException("only an empty collection can be a default");
    }
  }
}
