package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Refuses every class a message could name through Jackson's polymorphic type handling ({@code
 * @JsonTypeInfo(use = CLASS)} on a user's type, which Jackson would otherwise honour with its
 * permissive default). The codec has its own, closed dispatch: sealed interfaces by {@code
 * __faust} namespace.
 */
final class DenyAllTypes extends PolymorphicTypeValidator.Base {
  static final DenyAllTypes INSTANCE = new DenyAllTypes();
  private static final long serialVersionUID = 1L;

  private DenyAllTypes() {}

  @Override
  public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
    return Validity.DENIED;
  }

  @Override
  public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType,
      String subClassName) {
    return Validity.DENIED;
  }

  @Override
  public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
    return Validity.DENIED;
  }
}
