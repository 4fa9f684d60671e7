package dev.mephisto.core.internal.state;

import dev.mephisto.StoreException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.StoreWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The layers of one partition's store, built as Kafka Streams' {@code KeyValueStoreBuilder}
 * builds them: metered → caching → change-logging → the plug-in store. Caching and logging are
 * optional; a store without changelog (before the app starts) is metered → store. What the
 * partition does with its data goes through here; the partition adds its lock and its role.
 */
public final class StoreStack {
  private final MeteredStore metered;
  private final CachingStore cache;
  private final LoggedStore logged;
  private final Store store;

  private StoreStack(MeteredStore metered, CachingStore cache, LoggedStore logged, Store store) {
    this.metered = metered;
    this.cache = cache;
    this.logged = logged;
    this.store = store;
  }

  /**
   * @param store the plug-in store
   * @return a builder for layers over it
   */
  public static Builder over(Store store) {
    return new Builder(store);
  }

  /** @return the layer the tables use */
  StateStore top() {
    return metered;
  }

  /** @return the plug-in store */
  Store store() {
    return store;
  }

  /** @return the caching layer, or null */
  CachingStore cache() {
    return cache;
  }

  // ---- commits and roles (under the partition's lock) ---------------------------------------

  /** Writes the cache's dirty entries down, counted by the metered layer. */
  void flush() {
    if (cache != null) {
      metered.flush();
    }
  }

  /** @return true if the cache holds writes not yet flushed */
  boolean hasDirty() {
    return cache != null && cache.hasDirty();
  }

  /** Forgets everything cached (flushed before, or lost as in a crash). */
  void dropCache() {
    if (cache != null) {
      cache.clear();
    }
  }

  void activated() {
    if (logged != null) {
      logged.activated();
    }
  }

  void checkpoint() {
    if (logged != null) {
      logged.checkpoint();
    }
  }

  void committed() {
    if (logged != null) {
      logged.committed();
    }
  }

  /** @return false if the store may hold uncommitted writes (exactly-once) */
  boolean release() {
    return logged == null || logged.release();
  }

  /** @return true if the store was in use under exactly-once and not released cleanly */
  boolean unclean() {
    return store.persistedOffset().orElse(-1) >= LoggedStore.UNCLEAN;
  }

  // ---- restore (under the partition's lock) -------------------------------------------------

  long nextOffset() {
    return LoggedStore.persisted(store) + 1;
  }

  /**
   * Applies restored records to the store, with the local entries the layout derives from them;
   * cached copies of their keys are stale now.
   */
  void apply(List<ChangelogRecord> batch, PartitionLayout layout) {
    List<ChangelogRecord> records = batch;
    if (layout != null) {
      records = new ArrayList<>(batch.size() * 2);
      for (ChangelogRecord r : batch) {
        records.add(r);
        layout.restored(r, records);
      }
    }
    store.applyChangelog(records);
    if (cache != null && !cache.isEmpty()) {
      for (ChangelogRecord r : records) {
        cache.invalidate(r.key());
      }
    }
  }

  /** Deletes every entry, in one batch, and forgets the cache. */
  void wipe() {
    List<StoreWrite> deletes = new ArrayList<>();
    try (StoreIterator it = store.all()) {
      it.forEachRemaining(e -> deletes.add(StoreWrite.delete(e.key())));
    }
    store.putAll(deletes);
    dropCache();
  }

  // ---- reads (any thread) -------------------------------------------------------------------

  void scan(byte[] from, byte[] to, Consumer<StoreEntry> visitor) {
    try (StoreIterator it = from == null ? metered.all() : metered.range(from, to)) {
      while (it.hasNext()) {
        visitor.accept(it.next());
      }
    }
  }

  /** @return the number of entries not hidden; O(1) when the store counts exactly */
  long count(Predicate<byte[]> hidden) {
    if (hidden == null && !store.persistent() && !hasDirty()) {
      return store.approximateCount(); // exact for stores that do not persist
    }
    long[] n = {0};
    scan(null, null, e -> n[0] += hidden != null && hidden.test(e.key()) ? 0 : 1);
    return n[0];
  }

  StateStats stats() {
    return StateStats.of(metered.counts(), cache == null ? null : cache.stats());
  }

  StoreMemory memory() {
    try {
      return store.memoryUsage();
    } catch (StoreException e) {
      return StoreMemory.UNKNOWN; // closed meanwhile
    }
  }

  /** Chooses the layers; {@link #build()} stacks them in their fixed order. */
  public static final class Builder {
    private final Store store;
    private ChangelogSink sink;
    private String topic;
    private int partition;
    private WorkerCache cache;
    private ReentrantLock lock;
    private boolean exactlyOnce;

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

    /**
     * Keeps a store that persists from ever holding uncommitted writes after a crash or an
     * abort (see {@link LoggedStore}).
     *
     * @param on whether the worker runs exactly-once
     * @return this builder
     */
    public Builder exactlyOnce(boolean on) {
      this.exactlyOnce = on;
      return this;
    }

    /** @return the stack */
    public StoreStack build() {
      LoggedStore logged = sink == null ? null
          : new LoggedStore(store, sink, topic, partition, exactlyOnce);
      StateStore bottom = logged != null ? logged : new StoreAdapter(store);
      CachingStore caching = logged != null && cache != null && cache.enabled()
          ? new CachingStore(logged, cache, lock) : null;
      MeteredStore metered = new MeteredStore(caching != null ? caching : bottom);
      return new StoreStack(metered, caching, logged, store);
    }
  }
}
