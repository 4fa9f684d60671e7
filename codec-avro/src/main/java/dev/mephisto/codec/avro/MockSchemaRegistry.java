package dev.mephisto.codec.avro;

import dev.mephisto.codec.avro.internal.InMemorySchemaRegistry;
import java.util.Objects;

/**
 * Controls the in-process registries behind {@code schema.registry.url=mock://<scope>}, as
 * Confluent's {@code MockSchemaRegistry}. Codecs configured with the same scope share one registry
 * within the JVM; ids start at 1 in each scope.
 *
 * <pre>{@code
 * Map<String, String> config = Map.of("schema.registry.url", "mock://orders-test");
 * Codec codec = new AvroCodecProvider().create(config);
 * ...
 * MockSchemaRegistry.dropScope("orders-test"); // forget every subject, e.g. after a test
 * }</pre>
 */
public final class MockSchemaRegistry {
  private MockSchemaRegistry() {}

  /**
   * Forgets every schema and subject of a scope. Codecs created before keep their caches, so
   * create new codecs afterwards.
   *
   * @param scope the name after {@code mock://}
   */
  public static void dropScope(String scope) {
    InMemorySchemaRegistry.drop(Objects.requireNonNull(scope, "scope"));
  }

  /**
   * Sets the compatibility level checked when a new version is registered in a scope (default
   * {@code BACKWARD}, as Confluent's registry).
   *
   * @param scope the name after {@code mock://}
   * @param level one of {@code NONE}, {@code BACKWARD}, {@code BACKWARD_TRANSITIVE}, {@code
   *     FORWARD}, {@code FORWARD_TRANSITIVE}, {@code FULL}, {@code FULL_TRANSITIVE}
   * @throws dev.mephisto.ConfigurationException for another level
   */
  public static void setCompatibility(String scope, String level) {
    InMemorySchemaRegistry.scope(Objects.requireNonNull(scope, "scope"))
        .setCompatibility(Objects.requireNonNull(level, "level"));
  }
}
