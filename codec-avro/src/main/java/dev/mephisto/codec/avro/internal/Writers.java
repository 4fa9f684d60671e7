package dev.mephisto.codec.avro.internal;

import static dev.mephisto.codec.avro.internal.Incompatibilities.describe;

import dev.mephisto.CodecException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Plans how Java values are written with a given schema: the derived one, or a subject's latest
 * (fields matched by name, missing ones written from their defaults).
 */
final class Writers {
  private final Map<PlanKey, RecordWriter> records = new HashMap<>();

  private Writers() {}

  /**
   * @param type the Java type
   * @param schema the schema to write
   * @return the writer
   * @throws CodecException when the type cannot be written with the schema
   */
  static ValueWriter plan(Type type, Schema schema) {
    return new Writers().build(type, schema, "");
  }

  ValueWriter build(Type type, Schema s, String path) {
    if (s.getType() == Schema.Type.UNION) {
      return union(type, s, path);
    }
    if (JavaTypes.isOptional(type)) {
      ValueWriter inner = build(JavaTypes.arg(type, 0), s, path);
      return (v, out) -> {
        Optional<?> o = (Optional<?>) v;
        if (o.isEmpty()) {
          throw FieldError.of("is empty but the schema type " + describe(s) + " does not allow null");
        }
        inner.write(o.get(), out);
      };
    }
    Class<?> c = JavaTypes.boxed(JavaTypes.raw(type));
    LogicalType lt = s.getLogicalType();
    boolean intLike = c == Integer.class || c == Short.class || c == Byte.class;
    ValueWriter w = switch (s.getType()) {
      case NULL -> (v, out) -> out.writeNull();
      case BOOLEAN -> c == Boolean.class ? (v, out) -> out.writeBoolean((Boolean) v) : null;
      case INT -> intLike ? (v, out) -> out.writeInt(((Number) v).intValue())
          : c == LocalDate.class ? (v, out) -> out.writeInt(Math.toIntExact(((LocalDate) v).toEpochDay()))
          : null;
      case LONG -> intLike || c == Long.class ? (v, out) -> out.writeLong(((Number) v).longValue())
          : c == Instant.class ? instant(lt) : null;
      case FLOAT -> intLike || c == Long.class || c == Float.class
          ? (v, out) -> out.writeFloat(((Number) v).floatValue()) : null;
      case DOUBLE -> intLike || c == Long.class || c == Float.class || c == Double.class
          ? (v, out) -> out.writeDouble(((Number) v).doubleValue()) : null;
      case STRING -> CharSequence.class.isAssignableFrom(c) || c == UUID.class
          ? (v, out) -> out.writeString(v.toString())
          : c.isEnum() ? (v, out) -> out.writeString(((Enum<?>) v).name()) : null;
      case BYTES -> bytes(c, lt);
      case FIXED -> fixed(c, s, lt);
      case ENUM -> c.isEnum() ? enumWriter(c, s) : null;
      case ARRAY -> JavaTypes.isCollection(c) ? array(type, s, path) : null;
      case MAP -> Map.class.isAssignableFrom(c) ? map(type, s, path) : null;
      case RECORD -> c.isRecord() ? record(c, s, path) : null;
      case UNION -> null;
    };
    if (w == null) {
      String where = path.isEmpty() ? "a value" : "component '" + path + "'";
      throw new CodecException(where + " of type '" + type.getTypeName()
          + "' cannot be written as Avro " + describe(s));
    }
    return w;
  }

  private ValueWriter union(Type type, Schema s, String path) {
    boolean optional = JavaTypes.isOptional(type);
    Type inner = optional ? JavaTypes.arg(type, 0) : type;
    List<Schema> branches = s.getTypes();
    int nullIndex = -1;
    int index = -1;
    ValueWriter writer = null;
    CodecException first = null;
    for (int i = 0; i < branches.size(); i++) {
      if (branches.get(i).getType() == Schema.Type.NULL) {
        nullIndex = nullIndex < 0 ? i : nullIndex;
      } else if (writer == null) {
        try {
          writer = build(inner, branches.get(i), path);
          index = i;
        } catch (CodecException e) {
          first = first == null ? e : first;
        }
      }
    }
    if (writer == null) {
      throw new CodecException((path.isEmpty() ? "a value" : "component '" + path + "'")
          + " of type '" + type.getTypeName() + "' fits no branch of " + describe(s), first);
    }
    int valueIndex = index;
    int nullAt = nullIndex;
    ValueWriter w = writer;
    return (v, out) -> {
      Object x = optional ? ((Optional<?>) v).orElse(null) : v;
      if (x == null) {
        if (nullAt < 0) {
          throw FieldError.of("is null but " + describe(s) + " has no null branch");
        }
        out.writeIndex(nullAt);
        out.writeNull();
      } else {
        out.writeIndex(valueIndex);
        w.write(x, out);
      }
    };
  }

  private static ValueWriter instant(LogicalType lt) {
    String name = lt == null ? "" : lt.getName();
    if (name.endsWith("-micros")) {
      return (v, out) -> {
        Instant i = (Instant) v;
        out.writeLong(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000));
      };
    }
    if (name.endsWith("-nanos")) {
      return (v, out) -> {
        Instant i = (Instant) v;
        out.writeLong(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano()));
      };
    }
    return (v, out) -> out.writeLong(((Instant) v).toEpochMilli());
  }

  private static ValueWriter bytes(Class<?> c, LogicalType lt) {
    if (c == byte[].class) {
      return (v, out) -> out.writeBytes((byte[]) v);
    }
    if (c == ByteBuffer.class) {
      return (v, out) -> out.writeBytes(((ByteBuffer) v).duplicate());
    }
    if (c == String.class) {
      return (v, out) -> out.writeBytes(((String) v).getBytes(StandardCharsets.UTF_8));
    }
    if (c == BigDecimal.class && lt instanceof LogicalTypes.Decimal d) {
      return (v, out) -> out.writeBytes(unscaled((BigDecimal) v, d));
    }
    return null;
  }

  private static ValueWriter fixed(Class<?> c, Schema s, LogicalType lt) {
    int size = s.getFixedSize();
    if (c == byte[].class) {
      return (v, out) -> {
        byte[] b = (byte[]) v;
        if (b.length != size) {
          throw FieldError.of("has " + b.length + " bytes but " + describe(s) + " needs " + size);
        }
        out.writeFixed(b);
      };
    }
    if (c == BigDecimal.class && lt instanceof LogicalTypes.Decimal d) {
      return (v, out) -> {
        byte[] b = unscaled((BigDecimal) v, d);
        if (b.length > size) {
          throw FieldError.of("has " + v + ", too large for " + describe(s));
        }
        byte[] padded = new byte[size];
        byte fill = (byte) (b[0] < 0 ? -1 : 0);
        for (int i = 0; i < size - b.length; i++) {
          padded[i] = fill;
        }
        System.arraycopy(b, 0, padded, size - b.length, b.length);
        out.writeFixed(padded);
      };
    }
    if (c == UUID.class && size == 16) {
      return (v, out) -> {
        UUID u = (UUID) v;
        out.writeFixed(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits()).array());
      };
    }
    return null;
  }

  private static byte[] unscaled(BigDecimal value, LogicalTypes.Decimal d) {
    BigDecimal scaled;
    try {
      scaled = value.scale() == d.getScale() ? value : value.setScale(d.getScale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw FieldError.of("is " + value.toPlainString() + " with " + value.scale() + " fraction"
          + " digits but decimal(" + d.getPrecision() + "," + d.getScale() + ") keeps "
          + d.getScale() + "; round it first or declare a larger @AvroDecimal scale");
    }
    if (scaled.precision() > d.getPrecision()) {
      throw FieldError.of("is " + value.toPlainString() + " with " + scaled.precision() + " digits"
          + " but decimal(" + d.getPrecision() + "," + d.getScale() + ") holds at most "
          + d.getPrecision() + "; declare a larger @AvroDecimal precision");
    }
    return scaled.unscaledValue().toByteArray();
  }

  private static ValueWriter enumWriter(Class<?> c, Schema s) {
    Object[] constants = c.getEnumConstants();
    int[] index = new int[constants.length];
    for (int i = 0; i < constants.length; i++) {
      String name = ((Enum<?>) constants[i]).name();
      index[i] = s.hasEnumSymbol(name) ? s.getEnumOrdinal(name) : -1;
    }
    return (v, out) -> {
      int i = index[((Enum<?>) v).ordinal()];
      if (i < 0) {
        throw FieldError.of("is " + v + ", which is not a symbol of " + describe(s) + " "
            + s.getEnumSymbols());
      }
      out.writeEnum(i);
    };
  }

  private ValueWriter array(Type type, Schema s, String path) {
    ValueWriter item = build(JavaTypes.arg(type, 0), s.getElementType(), path + "[]");
    boolean nullable = acceptsNull(s.getElementType());
    return (v, out) -> {
      Collection<?> items = (Collection<?>) v;
      out.writeArrayStart();
      out.setItemCount(items.size());
      if (items instanceof List<?> list && items instanceof RandomAccess) {
        for (int i = 0, n = list.size(); i < n; i++) {
          writeItem(list.get(i), item, nullable, out, s);
        }
      } else {
        for (Object e : items) {
          writeItem(e, item, nullable, out, s);
        }
      }
      out.writeArrayEnd();
    };
  }

  private static void writeItem(Object e, ValueWriter item, boolean nullable,
      org.apache.avro.io.Encoder out, Schema s) throws java.io.IOException {
    if (e == null && !nullable) {
      throw FieldError.of("holds a null element but " + describe(s) + " does not allow null;"
          + " use Optional or @Nullable element types, or leave nulls out");
    }
    out.startItem();
    item.write(e, out);
  }

  private ValueWriter map(Type type, Schema s, String path) {
    ValueWriter value = build(JavaTypes.arg(type, 1), s.getValueType(), path + "{}");
    boolean nullable = acceptsNull(s.getValueType());
    return (v, out) -> {
      Map<?, ?> m = (Map<?, ?>) v;
      out.writeMapStart();
      out.setItemCount(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getKey() == null || (e.getValue() == null && !nullable)) {
          throw FieldError.of("holds a null " + (e.getKey() == null ? "key" : "value for key '"
              + e.getKey() + "'") + " but " + describe(s) + " does not allow it");
        }
        out.startItem();
        out.writeString(e.getKey().toString());
        value.write(e.getValue(), out);
      }
      out.writeMapEnd();
    };
  }

  static boolean acceptsNull(Schema s) {
    return s.getType() == Schema.Type.NULL
        || (s.getType() == Schema.Type.UNION
            && s.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL));
  }

  private ValueWriter record(Class<?> c, Schema s, String path) {
    PlanKey key = new PlanKey(c, s);
    RecordWriter existing = records.get(key);
    if (existing != null) {
      return existing;
    }
    RecordWriter w = new RecordWriter();
    records.put(key, w);
    try {
      w.init(c, s, path, this);
    } catch (RuntimeException e) {
      records.remove(key);
      throw e;
    }
    return w;
  }
}
