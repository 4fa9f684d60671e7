package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.mephisto.CodecException;
import dev.mephisto.Model;
import dev.mephisto.internal.ModelFields;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the codec needs to know about one record type, worked out once by reflection: field names
 * in declaration order (from {@link ModelFields}: {@code @FieldName}, else the model's naming),
 * their resolved types, what an absent field decodes to, method handles for the accessors and the
 * canonical constructor, and the Faust namespace.
 */
final class RecordModel {
  /** Faust's metadata field, which no component may be named. */
  static final String FAUST = "__faust";

  final Class<?> type;
  final String namespace;
  final boolean faustMetadata;
  /** Field names on the wire; interned, so the parser's interned names compare with {@code ==}. */
  final String[] names;
  /** The declared type, or for {@code Optional<T>} the type {@code T}. */
  final JavaType[] types;
  final boolean[] optional;
  /** Annotated {@code @Nullable}: JSON null and an absent field decode to null. */
  final boolean[] nullable;
  final boolean[] primitive;
  /** Whether a message may lack the field, and what the component then gets. */
  final boolean[] mayBeAbsent;
  final Object[] absent;
  private final MethodHandle[] accessors;
  private final MethodHandle constructor;
  private final Map<String, Integer> index;

  private RecordModel(JavaType recordType, TypeFactory typeFactory) {
    type = recordType.getRawClass();
    namespace = namespace(type);
    Model model = type.getAnnotation(Model.class);
    faustMetadata = model == null || model.faustMetadata();
    RecordComponent[] components = type.getRecordComponents();
    List<ModelFields.Field> fields = ModelFields.of(type);
    int n = components.length;
    names = new String[n];
    types = new JavaType[n];
    optional = new boolean[n];
    nullable = new boolean[n];
    primitive = new boolean[n];
    mayBeAbsent = new boolean[n];
    absent = new Object[n];
    accessors = new MethodHandle[n];
    index = new HashMap<>(n * 2);
    Class<?>[] raw = new Class<?>[n];
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      for (int i = 0; i < n; i++) {
        RecordComponent c = components[i];
        ModelFields.Field f = fields.get(i);
        if (f.name().equals(FAUST)) {
          throw new CodecException("Model '" + type.getName() + "': component '" + c.getName()
              + "' has the field name '" + FAUST + "', which Faust keeps for its metadata; give it"
              + " another @FieldName");
        }
        names[i] = f.name().intern();
        index.put(names[i], i);
        nullable[i] = f.nullable();
        mayBeAbsent[i] = f.mayBeAbsent();
        absent[i] = f.absentValue();
        raw[i] = c.getType();
        JavaType t = typeFactory.resolveMemberType(c.getGenericType(), recordType.getBindings());
        if (t.getRawClass() == Optional.class) {
          optional[i] = true;
          t = t.containedTypeOrUnknown(0);
        }
        types[i] = t;
        primitive[i] = c.getType().isPrimitive();
        var accessor = c.getAccessor();
        accessor.setAccessible(true);
        accessors[i] = lookup.unreflect(accessor)
            .asType(MethodType.methodType(Object.class, Object.class));
      }
      Constructor<?> canonical = type.getDeclaredConstructor(raw);
      canonical.setAccessible(true);
      constructor = lookup.unreflectConstructor(canonical)
          .asSpreader(Object[].class, n)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (CodecException e) {
      throw e;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new CodecException("Codec 'json' cannot access record " + type.getName() + ": "
          + e.getMessage() + "; make the record public or open its package to "
          + "dev.mephisto.codec.json", e);
    }
  }

  static RecordModel of(JavaType recordType, TypeFactory typeFactory) {
    return new RecordModel(recordType, typeFactory);
  }

  /**
   * @param type a record class
   * @return its {@code @Model(namespace=...)}, else its binary name
   */
  static String namespace(Class<?> type) {
    Model model = type.getAnnotation(Model.class);
    return model == null || model.namespace().isEmpty() ? type.getName() : model.namespace();
  }

  int size() {
    return names.length;
  }

  /** @return the component's index, or -1 for a field the record does not have */
  int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  Object get(int i, Object record) throws Throwable {
    return (Object) accessors[i].invokeExact(record);
  }

  Object construct(Object[] args) throws Throwable {
    return (Object) constructor.invokeExact(args);
  }

  String simpleName() {
    return type.getSimpleName();
  }
}
