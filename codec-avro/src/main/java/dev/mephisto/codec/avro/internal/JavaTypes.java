package dev.mephisto.codec.avro.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Small reflection helpers shared by schema derivation, writers and readers. */
final class JavaTypes {
  private JavaTypes() {}

  /** @return the class of a type: {@code List} for {@code List<String>} */
  static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof GenericArrayType g) {
      return raw(g.getGenericComponentType()).arrayType();
    }
    if (t instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    }
    if (t instanceof TypeVariable<?> v) {
      return raw(v.getBounds()[0]);
    }
    return Object.class;
  }

  /**
   * @param t a parameterized type
   * @param i which argument
   * @return the argument, or Object when the type is raw
   */
  static Type arg(Type t, int i) {
    if (t instanceof ParameterizedType p) {
      Type a = p.getActualTypeArguments()[i];
      return a instanceof WildcardType w ? w.getUpperBounds()[0] : a;
    }
    return Object.class;
  }

  static boolean isOptional(Type t) {
    return raw(t) == Optional.class;
  }

  static boolean isCollection(Class<?> c) {
    return Collection.class.isAssignableFrom(c) && !Map.class.isAssignableFrom(c);
  }

  static boolean isSet(Class<?> c) {
    return Set.class.isAssignableFrom(c);
  }

  /** @return the boxed class for a primitive, else the class */
  static Class<?> boxed(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    if (c == int.class) {
      return Integer.class;
    }
    if (c == long.class) {
      return Long.class;
    }
    if (c == double.class) {
      return Double.class;
    }
    if (c == float.class) {
      return Float.class;
    }
    if (c == boolean.class) {
      return Boolean.class;
    }
    if (c == short.class) {
      return Short.class;
    }
    if (c == byte.class) {
      return Byte.class;
    }
    if (c == char.class) {
      return Character.class;
    }
    return Void.class;
  }
}
