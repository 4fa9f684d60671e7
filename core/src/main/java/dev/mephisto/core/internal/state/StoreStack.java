package dev.mephisto.core.internal.state;

import dev.mephisto.store.Store;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The layers of one partition's store, built as Kafka Streams' {@code KeyValueStoreBuilder}
 * builds them: metered → caching → change-logging → the plug-in store. Caching and logging are
 * optional; a store without changelog (before the app starts) is metered → store.
 *
 * @param top the layer the tables use
 * @param metered the metering layer (the top)
 * @param cache the caching layer, or null when caching is off
 * @param logged the change-logging layer, or null when nothing is logged
 * @param store the plug-in store
 */
public record StoreStack(StateStore top, MeteredStore metered, CachingStore cache,
    LoggedStore logged, Store store) {

  /**
   * @param store the plug-in store
   * @return a builder for layers over it
   */
  public static Builder over(Store store) {
    return new Builder(store);
  }

  /** Chooses the layers; {@link #build()} stacks them in their fixed order. */
  public static final class Builder {
    private final Store store;
    private ChangelogSink sink;
    private String topic;
    private int partition;
    private WorkerCache cache;
    private ReentrantLock lock;

    private Builder(Store store) {
      this.store = store;
    }

    /**
     * Logs every write that reaches the store.
     *
     * @param sink where changelog records go
     * @param topic the changelog topic
     * @param partition its partition
     * @return this builder
     */
    public Builder logged(ChangelogSink sink, String topic, int partition) {
      this.sink = sink;
      this.topic = topic;
      this.partition = partition;
      return this;
    }

    /**
     * Caches writes within the worker's budget; ignored when the budget is 0 or nothing is
     * logged (a cache exists to collapse changelog records).
     *
     * @param budget the worker's cache
     * @param partitionLock the lock writers of the partition hold
     * @return this builder
     */
    public Builder cached(WorkerCache budget, ReentrantLock partitionLock) {
      this.cache = budget;
      this.lock = partitionLock;
      return this;
    }

    /** @return the stack */
    public StoreStack build() {
      LoggedStore logged = sink == null ? null : new LoggedStore(store, sink, topic, partition);
      StateStore bottom = logged != null ? logged : new StoreAdapter(store);
      CachingStore caching = logged != null && cache != null && cache.enabled()
          ? new CachingStore(logged, cache, lock) : null;
      MeteredStore metered = new MeteredStore(caching != null ? caching : bottom);
      return new StoreStack(metered, metered, caching, logged, store);
    }
  }
}
