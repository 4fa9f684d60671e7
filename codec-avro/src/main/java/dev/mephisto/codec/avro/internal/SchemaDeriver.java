package dev.mephisto.codec.avro.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mephisto.CodecException;
import dev.mephisto.FieldDefault;
import dev.mephisto.Model;
import dev.mephisto.codec.avro.AvroDecimal;
import dev.mephisto.codec.avro.AvroDefault;
import dev.mephisto.codec.avro.AvroTimestamp;
import dev.mephisto.internal.ModelFields;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Derives Avro schemas from Java types by reflection, once per class. See the package
 * documentation of {@code dev.mephisto.codec.avro} for the mapping.
 */
final class SchemaDeriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUPPORTED = "records, enums, boolean, int, short, byte, long, float,"
      + " double, String, byte[], ByteBuffer, Instant, LocalDate, BigDecimal, UUID, List, Set,"
      + " Map<String, V> and Optional";

  private final Map<Class<?>, Schema> cache = new ConcurrentHashMap<>();

  /**
   * @param type a record, enum or plain value class
   * @return its schema, derived on first use
   * @throws CodecException naming the component whose type Avro cannot express
   */
  Schema schemaOf(Class<?> type) {
    Schema s = cache.get(type);
    if (s == null) {
      s = new Derivation(type).derive(type, Hints.NONE, "");
      Schema prior = cache.putIfAbsent(type, s);
      if (prior != null) {
        s = prior;
      }
    }
    return s;
  }

  /** Annotations that shape a leaf type, carried through List, Map and Optional. */
  private record Hints(AvroDecimal decimal, AvroTimestamp timestamp) {
    static final Hints NONE = new Hints(null, null);
  }

  /** One derivation: named types defined once, recursion through references. */
  private static final class Derivation {
    private final Class<?> root;
    private final Map<Class<?>, Schema> named = new HashMap<>();
    private final Map<String, Class<?>> names = new HashMap<>();

    Derivation(Class<?> root) {
      this.root = root;
    }

    Schema derive(Type type, Hints hints, String path) {
      Class<?> c = JavaTypes.raw(type);
      if (c == boolean.class || c == Boolean.class) {
        return Schema.create(Schema.Type.BOOLEAN);
      }
      if (c == int.class || c == Integer.class || c == short.class || c == Short.class
          || c == byte.class || c == Byte.class) {
        return Schema.create(Schema.Type.INT);
      }
      if (c == long.class || c == Long.class) {
        return Schema.create(Schema.Type.LONG);
      }
      if (c == float.class || c == Float.class) {
        return Schema.create(Schema.Type.FLOAT);
      }
      if (c == double.class || c == Double.class) {
        return Schema.create(Schema.Type.DOUBLE);
      }
      if (c == String.class || c == CharSequence.class) {
        return Schema.create(Schema.Type.STRING);
      }
      if (c == byte[].class || c == ByteBuffer.class) {
        return Schema.create(Schema.Type.BYTES);
      }
      if (c == Instant.class) {
        AvroTimestamp.Precision p = hints.timestamp() == null
            ? AvroTimestamp.Precision.MILLIS : hints.timestamp().value();
        Schema s = Schema.create(Schema.Type.LONG);
        return switch (p) {
          case MILLIS -> LogicalTypes.timestampMillis().addToSchema(s);
          case MICROS -> LogicalTypes.timestampMicros().addToSchema(s);
          case NANOS -> LogicalTypes.timestampNanos().addToSchema(s);
        };
      }
      if (c == LocalDate.class) {
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      }
      if (c == BigDecimal.class) {
        int precision = hints.decimal() == null ? AvroDecimal.DEFAULT_PRECISION : hints.decimal().precision();
        int scale = hints.decimal() == null ? AvroDecimal.DEFAULT_SCALE : hints.decimal().scale();
        try {
          return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
        } catch (IllegalArgumentException e) {
          throw fail(path, "has @AvroDecimal(precision = " + precision + ", scale = " + scale
              + ") but precision should be at least 1 and scale between 0 and precision", e);
        }
      }
      if (c == UUID.class) {
        return LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
      }
      if (c.isEnum()) {
        return enumSchema(c, path);
      }
      if (c.isRecord()) {
        return recordSchema(c, path);
      }
      if (JavaTypes.isOptional(type)) {
        Schema inner = derive(JavaTypes.arg(type, 0), hints, path);
        return union(inner, true, path);
      }
      if (JavaTypes.isCollection(c)) {
        return Schema.createArray(derive(JavaTypes.arg(type, 0), hints, path + "[]"));
      }
      if (Map.class.isAssignableFrom(c)) {
        Class<?> key = JavaTypes.raw(JavaTypes.arg(type, 0));
        if (key != String.class && key != CharSequence.class) {
          throw fail(path, "is '" + type.getTypeName() + "' but Avro maps need String keys");
        }
        return Schema.createMap(derive(JavaTypes.arg(type, 1), hints, path + "{}"));
      }
      throw fail(path, "has type '" + type.getTypeName() + "', which codec 'avro' cannot map;"
          + " supported: " + SUPPORTED + "; or use a GenericRecord or a SpecificRecord class");
    }

    private Schema recordSchema(Class<?> c, String path) {
      Schema existing = named.get(c);
      if (existing != null) {
        return existing;
      }
      Schema record = define(c, path, (name, ns) -> Schema.createRecord(name, null, ns, false));
      List<Schema.Field> fields = new ArrayList<>();
      for (ModelFields.Field mf : ModelFields.of(c)) {
        RecordComponent rc = mf.component();
        String p = path.isEmpty() ? rc.getName() : path + "." + rc.getName();
        Type generic = rc.getGenericType();
        boolean optional = mf.optional();
        boolean nullable = optional || mf.nullable();
        Hints hints = new Hints(rc.getAnnotation(AvroDecimal.class), rc.getAnnotation(AvroTimestamp.class));
        Schema value = derive(optional ? JavaTypes.arg(generic, 0) : generic, hints, p);
        AvroDefault d = rc.getAnnotation(AvroDefault.class);
        if (d != null && mf.defaultValue().isPresent()) {
          throw fail(p, "has both @AvroDefault and @FieldDefault; keep one (@FieldDefault applies"
              + " to json too)");
        }
        FieldDefault fd = rc.getAnnotation(FieldDefault.class);
        String given = d != null ? "@AvroDefault(\"" + d.value() + "\")"
            : fd != null ? "@FieldDefault(\"" + fd.value() + "\")" : "a default";
        Object defaultValue = d != null ? parseDefault(d.value(), p) : null;
        if (mf.defaultValue().isPresent()) {
          try {
            defaultValue = AvroDefaults.of(mf.defaultValue().get(), value);
          } catch (IllegalArgumentException e) {
            throw fail(p, "has " + given + ", but " + e.getMessage());
          }
        }
        Schema schema = value;
        if (nullable) {
          boolean nullFirst = defaultValue == null || defaultValue == JsonProperties.NULL_VALUE;
          schema = union(value, nullFirst, p);
          if (nullFirst) {
            defaultValue = JsonProperties.NULL_VALUE;
          }
        } else if (defaultValue == JsonProperties.NULL_VALUE) {
          throw fail(p, "has @AvroDefault(\"null\") but is neither Optional nor @Nullable");
        }
        try {
          fields.add(new Schema.Field(mf.name(), schema, null, defaultValue));
        } catch (SchemaParseException e) {
          throw fail(p, "has the field name '" + mf.name() + "', which Avro does not allow ("
              + e.getMessage() + "); names are letters, digits and '_', not starting with a"
              + " digit: give the component a @FieldName or the model another naming", e);
        } catch (AvroRuntimeException e) {
          throw fail(p, "has " + given + ", which is not a valid default for Avro type "
              + Incompatibilities.describe(schema), e);
        }
      }
      record.setFields(fields);
      return record;
    }

    private Schema enumSchema(Class<?> c, String path) {
      Schema existing = named.get(c);
      if (existing != null) {
        return existing;
      }
      List<String> symbols = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        symbols.add(((Enum<?>) constant).name());
      }
      return define(c, path, (name, ns) -> Schema.createEnum(name, null, ns, symbols));
    }

    private interface Factory {
      Schema create(String name, String namespace);
    }

    private Schema define(Class<?> c, String path, Factory factory) {
      Model model = c.getAnnotation(Model.class);
      String full = model != null && !model.namespace().isEmpty()
          ? model.namespace() : (c.getPackageName().isEmpty() ? "" : c.getPackageName() + ".") + c.getSimpleName();
      Class<?> clash = names.putIfAbsent(full, c);
      if (clash != null && clash != c) {
        throw fail(path, "is '" + c.getName() + "', whose Avro name '" + full + "' is also the"
            + " name of '" + clash.getName() + "'; give one a distinct @Model(namespace = ...)");
      }
      int dot = full.lastIndexOf('.');
      Schema s;
      try {
        s = factory.create(full.substring(dot + 1), dot < 0 ? null : full.substring(0, dot));
      } catch (AvroRuntimeException e) {
        throw fail(path, "is '" + c.getName() + "', whose Avro name would be '" + full + "': "
            + e.getMessage() + "; set a valid one with @Model(namespace = \"a.b.Name\")", e);
      }
      named.put(c, s);
      return s;
    }

    private Schema union(Schema value, boolean nullFirst, String path) {
      if (value.getType() == Schema.Type.UNION) {
        throw fail(path, "nests Optional or @Nullable inside Optional, which Avro cannot express");
      }
      Schema nul = Schema.create(Schema.Type.NULL);
      return Schema.createUnion(nullFirst ? List.of(nul, value) : List.of(value, nul));
    }

    private Object parseDefault(String json, String path) {
      try {
        return toAvro(JSON.readTree(json));
      } catch (IOException e) {
        throw fail(path, "has @AvroDefault(\"" + json + "\"), which is not JSON: "
            + e.getMessage(), e);
      }
    }

    private static Object toAvro(JsonNode n) {
      if (n == null || n.isNull()) {
        return JsonProperties.NULL_VALUE;
      }
      if (n.isBoolean()) {
        return n.booleanValue();
      }
      if (n.isInt()) {
        return n.intValue();
      }
      if (n.isIntegralNumber()) {
        return n.longValue();
      }
      if (n.isNumber()) {
        return n.doubleValue();
      }
      if (n.isTextual()) {
        return n.textValue();
      }
      if (n.isArray()) {
        List<Object> list = new ArrayList<>();
        n.forEach(e -> list.add(toAvro(e)));
        return list;
      }
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        map.put(e.getKey(), toAvro(e.getValue()));
      }
      return map;
    }

    private CodecException fail(String path, String problem) {
      return fail(path, problem, null);
    }

    private CodecException fail(String path, String problem, Throwable cause) {
      String where = path.isEmpty() ? "it" : "component '" + path + "'";
      String msg = "Cannot derive an Avro schema for '" + root.getName() + "': " + where + " "
          + problem;
      return cause == null ? new CodecException(msg) : new CodecException(msg, cause);
    }
  }
}
