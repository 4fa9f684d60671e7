package dev.mephisto.store;

import java.net.URI;

/**
 * Opens stores for one URL scheme, e.g. {@code memory} or {@code rocksdb}. Found through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.mephisto.store.StoreProvider}).
 *
 * <p>Providers are cheap: a public no-arg constructor, no I/O; real work happens in {@link
 * #open(URI, StoreSpec)}. Resources shared by the stores of one worker (caches) belong to the
 * provider instance and are released when its last store closes.
 */
public interface StoreProvider {
  /** @return the URL scheme, lower-case, e.g. {@code "rocksdb"} */
  String scheme();

  /**
   * Decides between two providers of one scheme: the higher wins; a tie fails.
   *
   * @return the priority, 0 by default
   */
  default int priority() {
    return 0;
  }

  /**
   * Checks a store URL's options when a table is declared, so that a wrong option fails at
   * {@code build()} time instead of when a partition is assigned to a running worker. Does no I/O
   * and opens nothing; the default accepts everything.
   *
   * @param uri the store URL, e.g. {@code rocksdb:///var/lib/app?blockCacheMb=512}
   * @throws dev.mephisto.ConfigurationException naming the option, its value and what is allowed
   */
  default void validate(URI uri) {}

  /**
   * Opens (creating if needed) the store of one table partition.
   *
   * @param uri the store URL, e.g. {@code rocksdb:///var/lib/app?writeBufferSizeMb=64}
   * @param spec the app, table and partition
   * @return an open store
   * @throws dev.mephisto.StoreException if it cannot be opened
   */
  Store open(URI uri, StoreSpec spec);

  /**
   * Deletes what this worker keeps of one table partition on local disk, data and persisted
   * offset (the CLI's {@code reset}): the next start restores it from the changelog. The store
   * must not be open, in this process or another.
   *
   * @param uri the store URL
   * @param spec the app, table and partition
   * @return true if there was something to delete
   * @throws dev.mephisto.StoreException if it is open or cannot be deleted; by default, for
   *     providers that cannot delete their data
   */
  default boolean destroy(URI uri, StoreSpec spec) {
    throw new dev.mephisto.StoreException("Store '" + scheme() + "://' cannot delete the local "
        + "state of " + spec.describe() + " of app '" + spec.appId() + "'; delete it by hand, or "
        + "implement StoreProvider.destroy in " + getClass().getName());
  }
}
