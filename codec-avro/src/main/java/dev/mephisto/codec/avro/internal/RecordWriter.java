package dev.mephisto.codec.avro.internal;

import static dev.mephisto.codec.avro.internal.Incompatibilities.describe;

import dev.mephisto.CodecException;
import dev.mephisto.internal.ModelFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes a Java record field by field in schema order. Primitive components are read through
 * typed handles so that encoding an {@code int} does not box it.
 */
final class RecordWriter implements ValueWriter {
  private Field[] fields;

  /** One schema field: how to fetch it from the record and write it. */
  private abstract static class Field {
    final String name;

    Field(String name) {
      this.name = name;
    }

    abstract void write(Object record, Encoder out) throws Throwable;
  }

  void init(Class<?> type, Schema schema, String path, Writers writers) {
    List<Field> list = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      String p = path.isEmpty() ? f.name() : path + "." + f.name();
      RecordComponent rc = component(type, f);
      if (rc == null) {
        if (!f.hasDefaultValue()) {
          throw new CodecException("the schema's field '" + p + "' (" + describe(f.schema())
              + ") has no default and record '" + type.getName() + "' has no component of that"
              + " field name; add the component (or a @FieldName) or give the field a default in"
              + " the registry");
        }
        list.add(defaultField(f));
        continue;
      }
      list.add(field(rc, f, p, writers));
    }
    this.fields = list.toArray(Field[]::new);
  }

  /** The component whose field name ({@code @FieldName}, else the model's naming) is the field's. */
  private static RecordComponent component(Class<?> type, Schema.Field f) {
    for (ModelFields.Field mf : ModelFields.of(type)) {
      if (mf.name().equals(f.name()) || f.aliases().contains(mf.name())) {
        return mf.component();
      }
    }
    return null;
  }

  private static Field field(RecordComponent rc, Schema.Field f, String path, Writers writers) {
    Class<?> t = rc.getType();
    Schema.Type st = f.schema().getType();
    String name = f.name();
    if (t == int.class && st == Schema.Type.INT) {
      MethodHandle get = Access.getter(rc, int.class);
      return new Field(name) {
        @Override
        void write(Object r, Encoder out) throws Throwable {
          out.writeInt((int) get.invokeExact(r));
        }
      };
    }
    if (t == long.class && st == Schema.Type.LONG) {
      MethodHandle get = Access.getter(rc, long.class);
      return new Field(name) {
        @Override
        void write(Object r, Encoder out) throws Throwable {
          out.writeLong((long) get.invokeExact(r));
        }
      };
    }
    if (t == double.class && st == Schema.Type.DOUBLE) {
      MethodHandle get = Access.getter(rc, double.class);
      return new Field(name) {
        @Override
        void write(Object r, Encoder out) throws Throwable {
          out.writeDouble((double) get.invokeExact(r));
        }
      };
    }
    if (t == float.class && st == Schema.Type.FLOAT) {
      MethodHandle get = Access.getter(rc, float.class);
      return new Field(name) {
        @Override
        void write(Object r, Encoder out) throws Throwable {
          out.writeFloat((float) get.invokeExact(r));
        }
      };
    }
    if (t == boolean.class && st == Schema.Type.BOOLEAN) {
      MethodHandle get = Access.getter(rc, boolean.class);
      return new Field(name) {
        @Override
        void write(Object r, Encoder out) throws Throwable {
          out.writeBoolean((boolean) get.invokeExact(r));
        }
      };
    }
    MethodHandle get = Access.getter(rc, Object.class);
    ValueWriter w = writers.build(rc.getGenericType(), f.schema(), path);
    boolean nullable = Writers.acceptsNull(f.schema()) || JavaTypes.isOptional(rc.getGenericType());
    return new Field(name) {
      @Override
      void write(Object r, Encoder out) throws Throwable {
        Object v = (Object) get.invokeExact(r);
        if (v == null && !nullable) {
          throw FieldError.of("is null but the schema type " + describe(f.schema())
              + " does not allow null; declare the component Optional<...> or @Nullable");
        }
        w.write(v, out);
      }
    };
  }

  /** A schema field the record lacks: its default, encoded once. */
  private static Field defaultField(Schema.Field f) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(bytes, null);
      new GenericDatumWriter<>(f.schema()).write(GenericData.get().getDefaultValue(f), enc);
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] encoded = bytes.toByteArray();
    return new Field(f.name()) {
      @Override
      void write(Object r, Encoder out) throws IOException {
        out.writeFixed(encoded);
      }
    };
  }

  @Override
  public void write(Object value, Encoder out) throws IOException {
    for (Field f : fields) {
      try {
        f.write(value, out);
      } catch (IOException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw FieldError.wrap(f.name, t);
      }
    }
  }
}
