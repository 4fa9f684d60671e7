package dev.mephisto.store;

import dev.mephisto.ConfigurationException;
import dev.mephisto.internal.ProviderRegistry;
import dev.mephisto.internal.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds {@link StoreProvider}s by URL scheme.
 *
 * <pre>{@code
 * Stores stores = Stores.create(List.of());
 * Store s = stores.open("rocksdb:///tmp/state", new StoreSpec("app", "counts", 0));
 * }</pre>
 */
public final class Stores {
  private static final Map<String, String> ARTIFACTS = Map.of(
      "memory", "dev.mephisto:mephisto-store-memory",
      "rocksdb", "dev.mephisto:mephisto-store-rocksdb");

  private final ProviderRegistry<StoreProvider> registry;

  private Stores(ProviderRegistry<StoreProvider> registry) {
    this.registry = registry;
  }

  /**
   * @param inCode providers registered in code; they replace discovered ones
   * @return a registry of the providers on the class path plus {@code inCode}
   */
  public static Stores create(Collection<? extends StoreProvider> inCode) {
    return new Stores(ProviderRegistry.load(
        StoreProvider.class, "store", StoreProvider::scheme, StoreProvider::priority, inCode,
        scheme -> ARTIFACTS.containsKey(scheme)
            ? "add " + ARTIFACTS.get(scheme) + " or register one with App.builder(...).storeProvider(...)"
            : "add the jar that provides it or register one with App.builder(...).storeProvider(...)"));
  }

  /**
   * @param url a store URL such as {@code memory://}
   * @return the provider of its scheme
   * @throws ConfigurationException for a malformed URL or an unknown scheme
   */
  public StoreProvider provider(String url) {
    return registry.get(parse(url).getScheme(), "in store URL '" + Redaction.redactUrls(url) + "'");
  }

  /**
   * @param url a store URL
   * @param spec the table partition
   * @return an open store
   */
  public Store open(String url, StoreSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return provider(url).open(parse(url), spec);
  }

  /** @return the known schemes, sorted */
  public List<String> schemes() {
    return registry.keys();
  }

  /**
   * Parses a store URL. A bare {@code scheme://} (such as the default {@code memory://}) is read
   * as {@code scheme://?}, an empty option list, because {@link URI} rejects an empty authority
   * with nothing after it; providers treat an empty query as no options.
   *
   * @param url a store URL
   * @return it parsed
   * @throws ConfigurationException if it is not a URL with a scheme
   */
  public static URI parse(String url) {
    Objects.requireNonNull(url, "url");
    try {
      URI uri = new URI(url.matches("[A-Za-z][A-Za-z0-9+.-]*://") ? url + "?" : url);
      if (uri.getScheme() == null) {
        throw new ConfigurationException("Store URL '" + Redaction.redactUrls(url)
            + "' has no scheme; expected e.g. 'memory://' or 'rocksdb:///var/lib/app'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigurationException("Store URL '" + Redaction.redactUrls(url) + "' is not a "
          + "valid URL: " + Redaction.redactUrls(e.getMessage())
          + "; expected e.g. 'memory://' or 'rocksdb:///var/lib/app'");
    }
  }
}
