package dev.mephisto.codec.avro.internal;

import dev.mephisto.CodecException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/** Method handles for record accessors and canonical constructors. */
final class Access {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private Access() {}

  /**
   * @param rc a record component
   * @param returns the type the handle returns (the component's primitive type or Object)
   * @return a handle {@code (Object) -> returns}
   */
  static MethodHandle getter(RecordComponent rc, Class<?> returns) {
    Method m = rc.getAccessor();
    try {
      m.setAccessible(true);
      return LOOKUP.unreflect(m).asType(MethodType.methodType(returns, Object.class));
    } catch (IllegalAccessException | InaccessibleObjectException e) {
      throw inaccessible(rc.getDeclaringRecord(), e);
    }
  }

  /**
   * @param record a record class
   * @return a handle {@code (Object[]) -> Object} calling the canonical constructor
   */
  static MethodHandle constructor(Class<?> record) {
    RecordComponent[] rcs = record.getRecordComponents();
    Class<?>[] types = new Class<?>[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      types[i] = rcs[i].getType();
    }
    try {
      Constructor<?> c = record.getDeclaredConstructor(types);
      c.setAccessible(true);
      return LOOKUP.unreflectConstructor(c)
          .asSpreader(Object[].class, rcs.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (NoSuchMethodException | IllegalAccessException | InaccessibleObjectException e) {
      throw inaccessible(record, e);
    }
  }

  private static CodecException inaccessible(Class<?> record, Exception e) {
    return new CodecException("Codec 'avro' cannot access record '" + record.getName() + "': "
        + e.getMessage() + "; in a named module, open its package to dev.mephisto.codec.avro", e);
  }
}
