package dev.mephisto.testkit.registry;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's shared {@link EmbeddedSchemaRegistry} into test constructors, lifecycle
 * methods and test methods.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedSchemaRegistryExtension.class)
 * class OrdersIT {
 *   @Test
 *   void registersSchema(EmbeddedSchemaRegistry registry) { ... registry.url() ... }
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistryExtension implements ParameterResolver {
  /** Created by JUnit. */
  public EmbeddedSchemaRegistryExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == EmbeddedSchemaRegistry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return EmbeddedSchemaRegistry.shared();
  }
}
