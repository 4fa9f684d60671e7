package dev.mephisto.spi;

import dev.mephisto.App;
import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The runtime that makes {@link App}s: {@code dev.mephisto:mephisto-core} provides it. Found
 * through {@link ServiceLoader} ({@code META-INF/services/dev.mephisto.spi.RuntimeProvider}).
 */
public interface RuntimeProvider {
  /**
   * @param settings validated settings
   * @return a new app, not started
   */
  App create(AppSettings settings);

  /**
   * @return the runtime on the class path
   * @throws ConfigurationException if there is none, or more than one
   */
  static RuntimeProvider load() {
    List<RuntimeProvider> found;
    try {
      found = ServiceLoader.load(RuntimeProvider.class, RuntimeProvider.class.getClassLoader())
          .stream().map(ServiceLoader.Provider::get).toList();
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException("The Mephisto runtime failed to load: " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new ConfigurationException("No Mephisto runtime on the class path; "
          + "add the dependency dev.mephisto:mephisto-core");
    }
    List<String> classes = found.stream().map(p -> p.getClass().getName()).distinct().toList();
    if (classes.size() > 1) {
      throw new ConfigurationException(
          "More than one Mephisto runtime on the class path: " + classes + "; keep exactly one");
    }
    return found.get(0);
  }
}
