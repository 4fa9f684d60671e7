package dev.mephisto.codec.avro.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * Adapts a reader schema derived from a Java type to the schema a message was written with, where
 * Avro's resolution would otherwise misread or refuse data the Java type can hold:
 *
 * <ul>
 *   <li>logical types are not part of resolution, so a {@code timestamp-micros} long read as
 *       {@code timestamp-millis}, or a {@code decimal(10,2)} read as {@code decimal(38,18)},
 *       would give wrong values: the reader takes the writer's logical type;
 *   <li>a {@code BigDecimal} or {@code UUID} written as {@code fixed} is read as that fixed;
 *   <li>record and enum names follow the writer's, since the Java class names are the reader's
 *       own business (Avro compares them).
 * </ul>
 */
final class ReaderSchemas {
  private ReaderSchemas() {}

  /**
   * @param reader the derived reader schema
   * @param writer the writer's schema
   * @return the adapted reader schema, or {@code reader} if nothing needed adapting or adapting
   *     failed (the compatibility check then explains the difference)
   */
  static Schema adapt(Schema reader, Schema writer) {
    try {
      Schema adapted = new ReaderSchemas.Walk().adapt(reader, writer);
      return adapted.equals(reader) ? reader : adapted;
    } catch (AvroRuntimeException e) {
      return reader;
    }
  }

  private static final class Walk {
    private final Map<Schema, Schema> done = new IdentityHashMap<>();

    Schema adapt(Schema r, Schema w) {
      if (r.getType() == Schema.Type.UNION) {
        List<Schema> branches = new ArrayList<>();
        for (Schema rb : r.getTypes()) {
          Schema wb = counterpart(rb, w);
          branches.add(wb == null ? rb : adapt(rb, wb));
        }
        return Schema.createUnion(branches);
      }
      if (w.getType() == Schema.Type.UNION) {
        Schema wb = counterpart(r, w);
        return wb == null ? r : adapt(r, wb);
      }
      Schema same = samePrimitive(r, w);
      if (same != null) {
        return same;
      }
      LogicalType rl = r.getLogicalType();
      LogicalType wl = w.getLogicalType();
      switch (r.getType()) {
        case RECORD -> {
          return w.getType() == Schema.Type.RECORD ? record(r, w) : r;
        }
        case ENUM -> {
          if (w.getType() == Schema.Type.ENUM && !r.getFullName().equals(w.getFullName())) {
            return Schema.createEnum(w.getName(), r.getDoc(), w.getNamespace(), r.getEnumSymbols(),
                r.getEnumDefault());
          }
          return r;
        }
        case ARRAY -> {
          return w.getType() == Schema.Type.ARRAY
              ? Schema.createArray(adapt(r.getElementType(), w.getElementType())) : r;
        }
        case MAP -> {
          return w.getType() == Schema.Type.MAP
              ? Schema.createMap(adapt(r.getValueType(), w.getValueType())) : r;
        }
        case LONG -> {
          boolean timestamps = rl != null && wl != null && rl.getName().contains("timestamp")
              && wl.getName().contains("timestamp");
          return timestamps && w.getType() == Schema.Type.LONG ? w : r;
        }
        case BYTES -> {
          boolean decimals = rl != null && wl != null && rl.getName().equals("decimal")
              && wl.getName().equals("decimal");
          boolean bothBytesOrFixed = w.getType() == Schema.Type.BYTES || w.getType() == Schema.Type.FIXED;
          return decimals && bothBytesOrFixed ? w : r;
        }
        case STRING -> {
          boolean uuids = rl != null && wl != null && rl.getName().equals("uuid")
              && wl.getName().equals("uuid") && w.getType() == Schema.Type.FIXED;
          return uuids ? w : r;
        }
        default -> {
          return r;
        }
      }
    }

    /**
     * Same primitive type and logical type: take the writer's node, properties included (such as
     * {@code avro.java.string}), so that identical schemas skip resolution entirely.
     */
    private static Schema samePrimitive(Schema r, Schema w) {
      boolean primitive = switch (r.getType()) {
        case NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, STRING, BYTES -> true;
        default -> false;
      };
      return primitive && r.getType() == w.getType()
          && java.util.Objects.equals(r.getLogicalType(), w.getLogicalType()) ? w : null;
    }

    private Schema record(Schema r, Schema w) {
      Schema prior = done.get(r);
      if (prior != null) {
        return prior;
      }
      Schema copy = Schema.createRecord(w.getName(), r.getDoc(), w.getNamespace(), r.isError());
      done.put(r, copy);
      List<Schema.Field> fields = new ArrayList<>();
      for (Schema.Field rf : r.getFields()) {
        Schema.Field wf = w.getField(rf.name());
        Schema s = wf == null ? rf.schema() : adapt(rf.schema(), wf.schema());
        fields.add(new Schema.Field(rf, s));
      }
      copy.setFields(fields);
      return copy;
    }

    /** The writer branch (or the writer itself) that a reader schema of this kind would read. */
    private static Schema counterpart(Schema r, Schema w) {
      List<Schema> candidates = w.getType() == Schema.Type.UNION ? w.getTypes() : List.of(w);
      for (Schema c : candidates) {
        if (c.getType() == r.getType() && (!isNamed(r) || c.getName().equals(r.getName()))) {
          return c;
        }
      }
      for (Schema c : candidates) {
        if (c.getType() == r.getType()
            || (r.getType() == Schema.Type.BYTES && c.getType() == Schema.Type.FIXED)
            || (r.getType() == Schema.Type.STRING && c.getType() == Schema.Type.FIXED)) {
          return c;
        }
      }
      return null;
    }

    private static boolean isNamed(Schema s) {
      return s.getType() == Schema.Type.RECORD || s.getType() == Schema.Type.ENUM
          || s.getType() == Schema.Type.FIXED;
    }
  }
}
