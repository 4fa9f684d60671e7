package dev.mephisto.codec.avro.internal;

import static dev.mephisto.codec.avro.internal.Incompatibilities.describe;

import dev.mephisto.CodecException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;

/**
 * Plans how Java values are read with a reader schema (derived from the type and adapted to the
 * writer's logical types). Schema resolution itself is Avro's {@code ResolvingDecoder}.
 */
final class Readers {
  private final Map<PlanKey, RecordReader> records = new HashMap<>();
  private final int maxDepth;

  private Readers(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /**
   * @param type the Java type
   * @param schema the reader schema
   * @param maxDepth how deeply a record that can contain itself may nest ({@code avro.max.depth})
   * @return the reader
   * @throws CodecException when the type cannot hold values of the schema
   */
  static ValueReader plan(Type type, Schema schema, int maxDepth) {
    return new Readers(maxDepth).build(type, schema, "");
  }

  int maxDepth() {
    return maxDepth;
  }

  ValueReader build(Type type, Schema s, String path) {
    boolean optional = JavaTypes.isOptional(type);
    Type inner = optional ? JavaTypes.arg(type, 0) : type;
    if (s.getType() == Schema.Type.UNION) {
      return union(inner, optional, s, path);
    }
    if (optional) {
      ValueReader r = build(inner, s, path);
      return in -> Optional.of(r.read(in));
    }
    Class<?> c = JavaTypes.boxed(JavaTypes.raw(type));
    LogicalType lt = s.getLogicalType();
    ValueReader r = switch (s.getType()) {
      case NULL -> in -> {
        in.readNull();
        return null;
      };
      case BOOLEAN -> c == Boolean.class ? Decoder::readBoolean : null;
      case INT -> c == Integer.class ? Decoder::readInt
          : c == Short.class ? in -> (short) in.readInt()
          : c == Byte.class ? in -> (byte) in.readInt()
          : c == Long.class ? in -> (long) in.readInt()
          : c == LocalDate.class ? in -> LocalDate.ofEpochDay(in.readInt()) : null;
      case LONG -> c == Long.class ? Decoder::readLong : c == Instant.class ? instant(lt) : null;
      case FLOAT -> c == Float.class ? Decoder::readFloat
          : c == Double.class ? in -> (double) in.readFloat() : null;
      case DOUBLE -> c == Double.class ? Decoder::readDouble : null;
      case STRING -> c == String.class || c == CharSequence.class ? Decoder::readString
          : c == UUID.class ? in -> UUID.fromString(in.readString()) : null;
      case BYTES -> bytes(c, lt);
      case FIXED -> fixed(c, s, lt);
      case ENUM -> c.isEnum() ? enumReader(c, s) : null;
      case ARRAY -> array(type, c, s, path);
      case MAP -> map(type, c, s, path);
      case RECORD -> c.isRecord() ? record(c, s, path) : null;
      case UNION -> null;
    };
    if (r == null) {
      String where = path.isEmpty() ? "a value" : "component '" + path + "'";
      throw new CodecException(where + " of type '" + type.getTypeName()
          + "' cannot hold Avro " + describe(s));
    }
    return r;
  }

  private ValueReader union(Type inner, boolean optional, Schema s, String path) {
    List<Schema> branches = s.getTypes();
    ValueReader[] readers = new ValueReader[branches.size()];
    for (int i = 0; i < readers.length; i++) {
      Schema b = branches.get(i);
      if (b.getType() == Schema.Type.NULL) {
        readers[i] = in -> {
          in.readNull();
          return null;
        };
      } else {
        try {
          readers[i] = build(inner, b, path);
        } catch (CodecException e) {
          String problem = e.getMessage();
          readers[i] = in -> {
            throw FieldError.of("holds a " + describe(b) + ": " + problem);
          };
        }
      }
    }
    if (optional) {
      return in -> Optional.ofNullable(readers[branch(in, readers.length)].read(in));
    }
    return in -> readers[branch(in, readers.length)].read(in);
  }

  private static int branch(Decoder in, int branches) throws java.io.IOException {
    int i = in.readIndex();
    if (i < 0 || i >= branches) {
      throw FieldError.of("holds union branch " + i + " but the union has " + branches
          + " branches");
    }
    return i;
  }

  private static ValueReader instant(LogicalType lt) {
    String name = lt == null ? "" : lt.getName();
    if (name.endsWith("-micros")) {
      return in -> {
        long v = in.readLong();
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L);
      };
    }
    if (name.endsWith("-nanos")) {
      return in -> {
        long v = in.readLong();
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
      };
    }
    return in -> Instant.ofEpochMilli(in.readLong());
  }

  /** The bytes of a buffer Avro allocated to size, without copying when it owns the array. */
  private static byte[] bytesOf(ByteBuffer b) {
    if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
      return b.array();
    }
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static ValueReader bytes(Class<?> c, LogicalType lt) {
    if (c == byte[].class) {
      return in -> bytesOf(in.readBytes(null));
    }
    if (c == ByteBuffer.class) {
      return in -> in.readBytes(null);
    }
    if (c == String.class || c == CharSequence.class) {
      return in -> new String(bytesOf(in.readBytes(null)), StandardCharsets.UTF_8);
    }
    if (c == BigDecimal.class && lt instanceof LogicalTypes.Decimal d) {
      return in -> decimal(trimSign(bytesOf(in.readBytes(null))), d);
    }
    return null;
  }

  /**
   * A decimal whose unscaled value has more digits than the declared precision is rejected, as
   * encoding rejects it; its byte count is checked first, so a huge value costs no arithmetic.
   */
  private static BigDecimal decimal(byte[] unscaled, LogicalTypes.Decimal d) {
    int precision = d.getPrecision();
    // a two's-complement value of n bytes has at least 8(n-1) bits: 2^(8(n-1)) > 10^p rejects it
    if (unscaled.length == 0 || (unscaled.length - 1) * 8L > precision * 3.33 + 8) {
      throw FieldError.of("holds a decimal of " + unscaled.length + " bytes, more than decimal("
          + precision + "," + d.getScale() + ") can hold");
    }
    BigDecimal v = new BigDecimal(new BigInteger(unscaled), d.getScale());
    if (v.precision() > precision) {
      throw FieldError.of("holds " + v.toPlainString() + " with " + v.precision() + " digits but"
          + " decimal(" + precision + "," + d.getScale() + ") holds at most " + precision);
    }
    return v;
  }

  private static ValueReader fixed(Class<?> c, Schema s, LogicalType lt) {
    int size = s.getFixedSize();
    if (c == byte[].class) {
      return in -> {
        byte[] b = new byte[size];
        in.readFixed(b);
        return b;
      };
    }
    if (c == BigDecimal.class && lt instanceof LogicalTypes.Decimal d) {
      return in -> {
        byte[] b = new byte[size];
        in.readFixed(b);
        return decimal(trimSign(b), d);
      };
    }
    if (c == UUID.class && size == 16) {
      return in -> {
        byte[] b = new byte[16];
        in.readFixed(b);
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
      };
    }
    return null;
  }

  /** Fixed decimals are sign-padded to their size (some writers pad bytes too): drop it. */
  private static byte[] trimSign(byte[] b) {
    int i = 0;
    while (i < b.length - 1 && (b[i] == 0 && b[i + 1] >= 0 || b[i] == -1 && b[i + 1] < 0)) {
      i++;
    }
    return i == 0 ? b : java.util.Arrays.copyOfRange(b, i, b.length);
  }

  private static ValueReader enumReader(Class<?> c, Schema s) {
    List<String> symbols = s.getEnumSymbols();
    Object[] bySymbol = new Object[symbols.size()];
    for (Object constant : c.getEnumConstants()) {
      int i = symbols.indexOf(((Enum<?>) constant).name());
      if (i >= 0) {
        bySymbol[i] = constant;
      }
    }
    return in -> {
      int i = in.readEnum();
      if (i < 0 || i >= bySymbol.length) {
        throw FieldError.of("holds enum symbol " + i + " but " + describe(s) + " has "
            + bySymbol.length + " symbols");
      }
      Object v = bySymbol[i];
      if (v == null) {
        throw FieldError.of("holds symbol '" + symbols.get(i) + "', which enum '" + c.getName()
            + "' lacks");
      }
      return v;
    };
  }

  private ValueReader array(Type type, Class<?> c, Schema s, String path) {
    boolean set;
    if (c.isAssignableFrom(ArrayList.class)) {
      set = false;
    } else if (c.isAssignableFrom(LinkedHashSet.class)) {
      set = true;
    } else {
      return null;
    }
    ValueReader item = build(JavaTypes.arg(type, 0), s.getElementType(), path + "[]");
    return in -> {
      long n = in.readArrayStart();
      Collection<Object> out = set ? new LinkedHashSet<>() : new ArrayList<>((int) Math.min(n, 4096));
      while (n > 0) {
        for (long i = 0; i < n; i++) {
          out.add(item.read(in));
        }
        n = in.arrayNext();
      }
      return out;
    };
  }

  private ValueReader map(Type type, Class<?> c, Schema s, String path) {
    if (!c.isAssignableFrom(LinkedHashMap.class)) {
      return null;
    }
    ValueReader value = build(JavaTypes.arg(type, 1), s.getValueType(), path + "{}");
    return in -> {
      long n = in.readMapStart();
      Map<String, Object> out = new LinkedHashMap<>();
      while (n > 0) {
        for (long i = 0; i < n; i++) {
          String key = in.readString();
          out.put(key, value.read(in));
        }
        n = in.mapNext();
      }
      return out;
    };
  }

  private ValueReader record(Class<?> c, Schema s, String path) {
    PlanKey key = new PlanKey(c, s);
    RecordReader existing = records.get(key);
    if (existing != null) {
      if (!existing.initialized()) {
        existing.recursive(maxDepth); // met again while planning its own fields: a cycle
      }
      return existing;
    }
    RecordReader r = new RecordReader(c);
    records.put(key, r);
    try {
      r.init(s, path, this);
    } catch (RuntimeException e) {
      records.remove(key);
      throw e;
    }
    return r;
  }
}
