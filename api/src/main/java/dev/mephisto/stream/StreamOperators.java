package dev.mephisto.stream;

import dev.mephisto.internal.ProviderRegistry;
import java.util.Collection;
import java.util.List;

/** Finds {@link StreamOperator}s by name. */
public final class StreamOperators {
  private final ProviderRegistry<StreamOperator> registry;

  private StreamOperators(ProviderRegistry<StreamOperator> registry) {
    this.registry = registry;
  }

  /**
   * @param inCode operators registered in code; they replace discovered ones
   * @return a registry of the operators on the class path plus {@code inCode}
   */
  public static StreamOperators create(Collection<? extends StreamOperator> inCode) {
    return new StreamOperators(ProviderRegistry.load(
        StreamOperator.class, "stream operator", StreamOperator::name, StreamOperator::priority,
        inCode, name -> "add the jar that provides it or register one with App.builder(...).operator(...)"));
  }

  /**
   * @param name the operator's name
   * @return the operator
   * @throws dev.mephisto.ConfigurationException listing the known names
   */
  public StreamOperator get(String name) {
    return registry.get(name, "");
  }

  /** @return the known names, sorted */
  public List<String> names() {
    return registry.keys();
  }
}
