package dev.mephisto.internal;

import dev.mephisto.CodecException;
import dev.mephisto.FieldDefault;
import dev.mephisto.FieldName;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The wire view of a model's record components, shared by every codec that names fields ({@code
 * json}, {@code avro}) so that they cannot disagree: each component's field name ({@link
 * FieldName}, else the model's {@link Naming}), its {@link FieldDefault} read with its type, and
 * whether it may be absent or null ({@code Optional}, {@code @Nullable}). Worked out once per
 * class.
 */
public final class ModelFields {
  private static final ClassValue<List<Field>> CACHE = new ClassValue<>() {
    @Override
    protected List<Field> computeValue(Class<?> type) {
      return describe(type);
    }
  };

  private ModelFields() {}

  /**
   * One record component as codecs see it.
   *
   * @param component the component
   * @param name its field name in messages and schemas
   * @param optional the component is an {@code Optional<T>}
   * @param nullable the component is annotated with an annotation named {@code Nullable}
   * @param defaultValue its {@link FieldDefault} read as the component's type ({@code T} for an
   *     {@code Optional<T>}), or empty
   */
  public record Field(RecordComponent component, String name, boolean optional, boolean nullable,
      Optional<Object> defaultValue) {
    /**
     * @return the value when a message lacks the field: the default (in an {@code Optional} for an
     *     {@code Optional} component), else {@code Optional.empty()} for an {@code Optional}, else
     *     {@code null}; meaningful only when {@link #mayBeAbsent()}
     */
    public Object absentValue() {
      if (defaultValue.isPresent()) {
        return optional ? defaultValue : defaultValue.get();
      }
      return optional ? Optional.empty() : null;
    }

    /** @return whether a message may lack the field */
    public boolean mayBeAbsent() {
      return defaultValue.isPresent() || optional || nullable;
    }

    /** @return the component's Java name */
    public String javaName() {
      return component.getName();
    }
  }

  /**
   * @param record a record class
   * @return its components in declaration order
   * @throws CodecException when its annotations are wrong: two components share a field name, a
   *     name is empty, a default does not fit its component's type
   */
  public static List<Field> of(Class<?> record) {
    Objects.requireNonNull(record, "record");
    if (!record.isRecord()) {
      throw new IllegalArgumentException(record.getName() + " is not a record");
    }
    return CACHE.get(record);
  }

  /**
   * Checks a declared type and every record reachable from it (through record components, {@code
   * Optional}, collections, maps, arrays and the records a sealed interface permits), so that a
   * wrong annotation fails when the type is declared, not on the first message.
   *
   * @param type a key or value type
   * @throws CodecException as {@link #of(Class)} does, for the first record found wrong
   */
  public static void check(Class<?> type) {
    walk(Objects.requireNonNull(type, "type"), new HashSet<>());
  }

  private static void walk(Type t, Set<Class<?>> seen) {
    if (t instanceof ParameterizedType p) {
      walk(p.getRawType(), seen);
      for (Type a : p.getActualTypeArguments()) {
        walk(a, seen);
      }
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        walk(b, seen);
      }
    } else if (t instanceof GenericArrayType g) {
      walk(g.getGenericComponentType(), seen);
    } else if (t instanceof Class<?> c) {
      if (c.isArray()) {
        walk(c.getComponentType(), seen);
      } else if (c.isRecord() && seen.add(c)) {
        for (Field f : of(c)) {
          walk(f.component().getGenericType(), seen);
        }
      } else if (c.isSealed() && seen.add(c)) {
        for (Class<?> sub : c.getPermittedSubclasses()) {
          walk(sub, seen);
        }
      }
    }
  }

  /**
   * @param record a record class
   * @return the naming strategy of its {@code @Model}, else {@link Naming#AS_DECLARED}
   */
  public static Naming naming(Class<?> record) {
    Model model = record.getAnnotation(Model.class);
    return model == null ? Naming.AS_DECLARED : model.naming();
  }

  /**
   * A component is nullable when annotated with any annotation whose simple name is {@code
   * Nullable} (JSpecify, JSR-305, Jakarta, JetBrains, ...), on the component or on its type.
   *
   * @param component a record component
   * @return whether it may hold null
   */
  public static boolean isNullable(RecordComponent component) {
    return !component.getType().isPrimitive() && (hasNullable(component.getAnnotations())
        || hasNullable(component.getAnnotatedType().getAnnotations()));
  }

  private static boolean hasNullable(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }

  private static List<Field> describe(Class<?> record) {
    Naming naming = naming(record);
    RecordComponent[] components = record.getRecordComponents();
    Field[] fields = new Field[components.length];
    Map<String, String> byName = new HashMap<>();
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      FieldName explicit = rc.getAnnotation(FieldName.class);
      String name;
      if (explicit != null) {
        name = explicit.value();
        if (name.isEmpty()) {
          throw problem(record, rc, "has @FieldName(\"\"), but a field name cannot be empty;"
              + " give it a name or remove the annotation");
        }
      } else {
        name = naming.apply(rc.getName());
      }
      String other = byName.putIfAbsent(name, rc.getName());
      if (other != null) {
        throw problem(record, rc, "has the field name '" + name + "', which component '" + other
            + "' has too (" + (explicit != null ? "@FieldName" : "Naming." + naming) + ");"
            + " give one of them another @FieldName");
      }
      boolean optional = rc.getType() == Optional.class;
      Type valueType = optional ? argument(rc.getGenericType()) : rc.getGenericType();
      FieldDefault d = rc.getAnnotation(FieldDefault.class);
      Optional<Object> defaultValue = Optional.empty();
      if (d != null) {
        try {
          defaultValue = Optional.of(DefaultValues.parse(d.value(), valueType));
        } catch (IllegalArgumentException e) {
          throw problem(record, rc, "has @FieldDefault(\"" + d.value() + "\"), but " + e.getMessage());
        }
      }
      fields[i] = new Field(rc, name, optional, isNullable(rc), defaultValue);
    }
    return List.of(fields);
  }

  private static Type argument(Type optional) {
    if (optional instanceof ParameterizedType p) {
      Type a = p.getActualTypeArguments()[0];
      return a instanceof WildcardType w ? w.getUpperBounds()[0] : a;
    }
    return Object.class;
  }

  private static CodecException problem(Class<?> record, RecordComponent rc, String what) {
    return new CodecException("Model '" + record.getName() + "': component '" + rc.getName()
        + "' " + what);
  }
}
