package dev.mephisto.core.internal;

import java.lang.invoke.MethodType;

/** Class tokens as the API gives them: {@code int.class} is a {@code Class<Integer>} too. */
public final class Classes {
  private Classes() {}

  /**
   * @param type a class, maybe primitive
   * @return the class its values have at run time ({@code Integer} for {@code int})
   */
  public static Class<?> boxed(Class<?> type) {
    return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
  }

  /**
   * @param type a class, maybe primitive
   * @param o a value, not null
   * @return true if {@code o} is a value of {@code type}
   */
  public static boolean isInstance(Class<?> type, Object o) {
    return boxed(type).isInstance(o);
  }
}
