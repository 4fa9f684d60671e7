package dev.mephisto.store.memory;

import dev.mephisto.ConfigurationException;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.memory.internal.MemoryStore;
import java.net.URI;
import java.util.Objects;

/**
 * Opens {@code memory://} stores: a sorted concurrent map per table partition that does not
 * persist. Each {@link #open} returns a new, empty store; the app restores it from the changelog.
 *
 * <pre>{@code
 * App app = App.builder("order-app").store("memory://").build();
 * }</pre>
 */
public final class MemoryStoreProvider implements StoreProvider {
  /** The URL scheme, {@code memory}. */
  public static final String SCHEME = "memory";

  /** Creates the provider; it holds no state. */
  public MemoryStoreProvider() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  /** A memory store keeps nothing once closed: there is nothing to delete. */
  @Override
  public boolean destroy(URI uri, StoreSpec spec) {
    return false;
  }

  /**
   * @param uri {@code memory://}; options are not accepted
   * @param spec the table partition
   * @return a new empty store
   * @throws ConfigurationException if the URL carries options or is not {@code memory:}
   */
  @Override
  public Store open(URI uri, StoreSpec spec) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(spec, "spec");
    if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new ConfigurationException("Store URL '" + uri + "' was given to the memory store "
          + "provider but its scheme should be 'memory', e.g. 'memory://'");
    }
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      throw new ConfigurationException("Store URL '" + uri + "' has options '" + uri.getRawQuery()
          + "' but the memory store takes none; use 'memory://'");
    }
    return new MemoryStore(spec);
  }

  @Override
  public String toString() {
    return "MemoryStoreProvider[memory://]";
  }
}
