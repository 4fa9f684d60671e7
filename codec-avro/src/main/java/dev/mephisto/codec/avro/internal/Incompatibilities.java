package dev.mephisto.codec.avro.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Turns Avro's {@link SchemaCompatibility} findings into sentences naming fields and types. */
final class Incompatibilities {
  private Incompatibilities() {}

  /**
   * @param reader the reader's schema
   * @param writer the writer's schema
   * @return one sentence per problem; empty when the reader can read what the writer wrote
   */
  static List<String> of(Schema reader, Schema writer) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Incompatibility i : result.getIncompatibilities()) {
      out.add(sentence(reader, i));
    }
    return out;
  }

  private static String sentence(Schema reader, Incompatibility i) {
    String field = fieldPath(reader, i.getLocation());
    String where = field.isEmpty() ? "the top-level value" : "field '" + field + "'";
    Schema r = i.getReaderFragment();
    Schema w = i.getWriterFragment();
    return switch (i.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> where + " of the reader has no default and the writer's "
          + describe(w) + " does not have it (give it a default with @AvroDefault, or make it"
          + " Optional)";
      case MISSING_ENUM_SYMBOLS -> where + " is enum " + describe(r) + ", which lacks symbols the"
          + " writer's " + describe(w) + " has: " + i.getMessage();
      case MISSING_UNION_BRANCH -> where + " expected " + describe(r) + " but the writer wrote "
          + describe(w) + ", which can hold a branch the reader lacks: " + i.getMessage();
      case NAME_MISMATCH -> where + " expected " + describe(r) + " but the writer wrote "
          + describe(w) + " (names differ)";
      case FIXED_SIZE_MISMATCH -> where + " expected " + describe(r) + " but the writer wrote "
          + describe(w) + " (sizes differ)";
      default -> where + " expected " + describe(r) + " but the writer wrote " + describe(w);
    };
  }

  /** Maps a JSON-pointer location such as {@code /fields/2/type/fields/0} to {@code a.b}. */
  static String fieldPath(Schema root, String location) {
    if (location == null || location.isEmpty() || location.equals("/")) {
      return "";
    }
    String[] tokens = location.substring(1).split("/");
    StringJoiner path = new StringJoiner(".");
    Schema node = root;
    try {
      for (int t = 0; t < tokens.length && node != null; t++) {
        switch (tokens[t]) {
          case "fields" -> {
            Schema.Field f = node.getFields().get(Integer.parseInt(tokens[++t]));
            path.add(f.name());
            node = f.schema();
            if (t + 1 < tokens.length && tokens[t + 1].equals("type")) {
              t++;
            }
          }
          case "items" -> node = node.getElementType();
          case "values" -> node = node.getValueType();
          case "type" -> { }
          default -> {
            if (node.getType() == Schema.Type.UNION && tokens[t].matches("\\d+")) {
              node = node.getTypes().get(Integer.parseInt(tokens[t]));
            } else {
              node = null; // symbols, size, name: the path so far names the field
            }
          }
        }
      }
    } catch (RuntimeException e) {
      return path.length() == 0 ? location : path.toString();
    }
    return path.toString();
  }

  /** @return e.g. {@code int}, {@code long (timestamp-millis)}, {@code record 'a.B'} */
  static String describe(Schema s) {
    if (s == null) {
      return "(nothing)";
    }
    LogicalType lt = s.getLogicalType();
    String logical = lt == null ? "" : " (" + lt.getName() + ")";
    return switch (s.getType()) {
      case RECORD, ENUM -> s.getType().getName() + " '" + s.getFullName() + "'";
      case FIXED -> "fixed '" + s.getFullName() + "' of " + s.getFixedSize() + " bytes" + logical;
      case ARRAY -> "array<" + describe(s.getElementType()) + ">";
      case MAP -> "map<" + describe(s.getValueType()) + ">";
      case UNION -> {
        StringJoiner j = new StringJoiner(", ", "union [", "]");
        s.getTypes().forEach(b -> j.add(describe(b)));
        yield j.toString();
      }
      default -> s.getType().getName().toLowerCase(Locale.ROOT) + logical;
    };
  }
}
