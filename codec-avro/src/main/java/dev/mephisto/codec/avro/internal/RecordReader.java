package dev.mephisto.codec.avro.internal;

import dev.mephisto.CodecException;
import dev.mephisto.internal.ModelFields;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;

/**
 * Reads a Java record: fields in the writer's order when resolving (Avro's {@code
 * readFieldOrder}, defaults filled in by the resolver), then the canonical constructor.
 */
final class RecordReader implements ValueReader {
  private final Class<?> type;
  private final MethodHandle constructor;
  private final RecordComponent[] components;
  /** Per component, its field name: {@code @FieldName}, else the model's naming. */
  private final String[] fieldNames;
  private ValueReader[] fields;
  private String[] names;
  private int[] toComponent;
  private Object[] absent;
  /** 0, or avro.max.depth for a record that can contain itself. */
  private int maxDepth;

  RecordReader(Class<?> type) {
    this.type = type;
    this.constructor = Access.constructor(type);
    this.components = type.getRecordComponents();
    List<ModelFields.Field> fields = ModelFields.of(type);
    this.fieldNames = new String[fields.size()];
    for (int i = 0; i < fieldNames.length; i++) {
      fieldNames[i] = fields.get(i).name();
    }
  }

  void init(Schema schema, String path, Readers readers) {
    int n = schema.getFields().size();
    fields = new ValueReader[n];
    names = new String[n];
    toComponent = new int[n];
    boolean[] covered = new boolean[components.length];
    for (Schema.Field f : schema.getFields()) {
      int pos = f.pos();
      names[pos] = f.name();
      toComponent[pos] = -1;
      for (int i = 0; i < components.length; i++) {
        if (fieldNames[i].equals(f.name())) {
          toComponent[pos] = i;
          covered[i] = true;
          String p = path.isEmpty() ? f.name() : path + "." + f.name();
          fields[pos] = readers.build(components[i].getGenericType(), f.schema(), p);
        }
      }
      if (toComponent[pos] < 0) {
        fields[pos] = skipper(f.schema(), readers);
      }
    }
    // Components the schema lacks get Java's empty values; derived schemas have none.
    absent = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      if (!covered[i]) {
        absent[i] = emptyValue(components[i]);
      }
    }
  }

  /** This record can contain itself: count its nesting against {@code max}. */
  void recursive(int max) {
    maxDepth = max;
  }

  /** @return false while {@link #init} is still planning the fields (so a reference is a cycle) */
  boolean initialized() {
    return absent != null;
  }

  private static ValueReader skipper(Schema s, Readers readers) {
    int max = readers.maxDepth();
    return in -> {
      new DepthCountingReaders.Generic(s, s, DepthCountingReaders.generic(), max)
          .read(null, in);
      return null;
    };
  }

  private static Object emptyValue(RecordComponent rc) {
    Class<?> t = rc.getType();
    if (t == Optional.class) {
      return Optional.empty();
    }
    if (!t.isPrimitive()) {
      return null;
    }
    if (t == boolean.class) {
      return false;
    }
    if (t == char.class) {
      return '\0';
    }
    if (t == long.class) {
      return 0L;
    }
    if (t == double.class) {
      return 0.0d;
    }
    if (t == float.class) {
      return 0.0f;
    }
    if (t == short.class) {
      return (short) 0;
    }
    if (t == byte.class) {
      return (byte) 0;
    }
    return 0;
  }

  @Override
  public Object read(Decoder in) throws IOException {
    return maxDepth == 0 ? readRecord(in) : Depth.counted(maxDepth, () -> readRecord(in));
  }

  private Object readRecord(Decoder in) throws IOException {
    Object[] args = absent.clone();
    if (in instanceof ResolvingDecoder resolving) {
      for (Schema.Field f : resolving.readFieldOrder()) {
        readField(f.pos(), in, args);
      }
    } else {
      for (int pos = 0; pos < fields.length; pos++) {
        readField(pos, in, args);
      }
    }
    try {
      return (Object) constructor.invokeExact(args);
    } catch (RuntimeException e) {
      throw new CodecException("record '" + type.getName() + "' rejected the decoded values: "
          + e.getMessage(), e);
    } catch (Throwable t) {
      throw new CodecException("record '" + type.getName() + "' could not be constructed: " + t, t);
    }
  }

  private void readField(int pos, Decoder in, Object[] args) throws IOException {
    Object v;
    try {
      v = fields[pos].read(in);
    } catch (IOException | Error e) {
      throw e;
    } catch (RuntimeException e) {
      throw FieldError.wrap(names[pos], e);
    }
    int c = toComponent[pos];
    if (c >= 0) {
      args[c] = v;
    }
  }
}
