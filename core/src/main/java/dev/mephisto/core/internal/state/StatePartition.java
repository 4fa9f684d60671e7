package dev.mephisto.core.internal.state;

import dev.mephisto.StoreException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.StoreWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of one table (or other state) on this worker: its role, its store stack
 * ({@link StoreStack}), and the lock that orders its writes. The lock is this class's alone:
 * writers hand it a {@link Task}, which runs under the lock with a {@link Writer}; role changes,
 * restores, flushes and closes take it here. Readers never lock.
 *
 * <p>The partition knows its table by name only; what the table's layout adds (derived local
 * entries such as a {@link TimeIndex}) comes in through {@link Layout}.
 */
public final class StatePartition {
  private static final Logger log = LoggerFactory.getLogger(StatePartition.class);

  /** What the owner of a partition's data adds to its life; every method has a default. */
  public interface Layout {
    /**
     * The store was opened, before anything is restored into it.
     *
     * @param store the plug-in store
     */
    default void opened(Store store) {}

    /**
     * Local entries a restored changelog record implies (index entries), applied with it.
     *
     * @param record a changelog record being restored
     * @param out where to add the derived records, with the record's offset
     */
    default void restored(ChangelogRecord record, List<ChangelogRecord> out) {}
  }

  /**
   * Work done under the partition's lock.
   *
   * @param <R> its result
   */
  @FunctionalInterface
  public interface Task<R> {
    /**
     * @param w the partition, locked
     * @return the result
     */
    R run(Writer w);
  }

  /** Thrown by {@link #write} when the partition is not writable here (any more). */
  public static final class NotWritableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotWritableException INSTANCE = new NotWritableException();

    private NotWritableException() {
      super("the partition is not writable on this worker", null, false, false);
    }
  }

  private final String table;
  private final int partition;
  private final TopicPartition changelog;
  private final String storeUrl;
  private final boolean cacheable;
  private final Layout layout;
  private final ReentrantLock lock = new ReentrantLock();
  private final Writer writer = new Writer();
  private volatile Role role = Role.NONE;
  private volatile StoreStack stack;
  private volatile long streamTime = Long.MIN_VALUE;
  /** What the table keeps about the partition's data; dropped when the data changes under it. */
  private Object attachment;

  /**
   * @param table the table's name
   * @param changelogTopic its changelog topic
   * @param partition the partition number
   * @param storeUrl where its store lives
   * @param cacheable whether writes go through the worker's write cache
   * @param layout what the table adds, or null
   */
  public StatePartition(String table, String changelogTopic, int partition, String storeUrl,
      boolean cacheable, Layout layout) {
    this.table = table;
    this.partition = partition;
    this.changelog = new TopicPartition(changelogTopic, partition);
    this.storeUrl = storeUrl;
    this.cacheable = cacheable;
    this.layout = layout;
  }

  /** @return the table's name */
  public String table() {
    return table;
  }

  /** @return the partition number */
  public int partition() {
    return partition;
  }

  /** @return the changelog partition */
  public TopicPartition changelog() {
    return changelog;
  }

  /** @return what this worker does with the partition */
  public Role role() {
    return role;
  }

  /** @return the latest event time written here (Faust's stream time), or Long.MIN_VALUE */
  public long streamTime() {
    return streamTime;
  }

  // ---- opening and roles --------------------------------------------------------------------

  /**
   * Opens the store and its stack if they are not open.
   *
   * @param env the worker's state environment
   */
  public void open(StateEnvironment env) {
    lock.lock();
    try {
      if (stack == null) {
        Store s = env.stores().open(storeUrl, new StoreSpec(env.appId(), table, partition));
        opened(s);
        StoreStack.Builder b = StoreStack.over(s).logged(env.changelog(), changelog.topic(), partition);
        stack = (cacheable ? b.cached(env.cache(), lock) : b).build();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Opens a local store for use before the app started (no changelog), if none is open.
   *
   * @param appId the app id
   */
  public void openDetached(String appId) {
    lock.lock();
    try {
      if (stack == null) {
        Store s = new LocalStore(new StoreSpec(appId, table, partition));
        opened(s);
        stack = StoreStack.over(s).build();
        role = Role.DETACHED;
      }
    } finally {
      lock.unlock();
    }
  }

  private void opened(Store s) {
    if (layout != null) {
      layout.opened(s);
    }
  }

  /** Becomes a standby copy: cached writes go out first, then the follower owns the store. */
  public void toStandby() {
    lock.lock();
    try {
      flushCacheQuietly();
      dropCache();
      attachment = null;
      role = Role.STANDBY;
    } finally {
      lock.unlock();
    }
  }

  /** Becomes a partition of a global table. */
  public void toGlobal() {
    setRole(Role.GLOBAL);
  }

  /** Becomes active: writable, its own writes checkpointed from the store's offset on. */
  public void activate() {
    lock.lock();
    try {
      StoreStack s = stack;
      if (s != null && s.logged() != null) {
        s.logged().activated();
      }
      attachment = null;
      role = Role.ACTIVE;
    } finally {
      lock.unlock();
    }
  }

  /** An active partition waits (a rebalance began); its store stays open. */
  public void suspend() {
    lock.lock();
    try {
      if (role == Role.ACTIVE) {
        role = Role.SUSPENDED;
      }
    } finally {
      lock.unlock();
    }
  }

  private void setRole(Role r) {
    lock.lock();
    try {
      role = r;
    } finally {
      lock.unlock();
    }
  }

  /** Writes what the cache holds, then closes the store (which flushes it); role NONE. */
  public void close() {
    release(true);
  }

  /** Closes as a killed process would lose it: the cache's writes are dropped, not written. */
  public void abandon() {
    release(false);
  }

  private void release(boolean graceful) {
    StoreStack s;
    lock.lock();
    try {
      if (graceful && (role == Role.ACTIVE || role == Role.SUSPENDED)) {
        flushCacheQuietly();
      }
      dropCache();
      role = Role.NONE;
      attachment = null;
      s = stack;
      stack = null;
    } finally {
      lock.unlock();
    }
    if (s != null) {
      try {
        s.store().close();
      } catch (RuntimeException e) {
        log.warn("Closing the store of {} failed: {}", describe(), e.toString());
      }
    }
  }

  private void flushCacheQuietly() {
    StoreStack s = stack;
    if (s != null && s.cache() != null && s.cache().hasDirty()) {
      try {
        s.metered().flush();
      } catch (RuntimeException e) {
        log.warn("Writing the cached updates of {} failed; the events behind them are processed "
            + "again from the last committed offset: {}", describe(), e.toString());
      }
    }
  }

  private void dropCache() {
    StoreStack s = stack;
    if (s != null && s.cache() != null) {
      s.cache().clear();
    }
  }

  // ---- commits ------------------------------------------------------------------------------

  /** Writes the cache's dirty entries to store and changelog (before a commit). */
  public void flush() {
    lock.lock();
    try {
      StoreStack s = stack;
      if (s != null && s.cache() != null && (role == Role.ACTIVE || role == Role.SUSPENDED)) {
        s.metered().flush();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stores the highest acknowledged changelog offset of this partition's writes; the producer was
   * flushed. Runs on the polling thread.
   *
   * @throws StoreException if a changelog write failed
   */
  public void checkpoint() {
    StoreStack s = stack;
    if (s != null && s.logged() != null) {
      s.logged().checkpoint();
    }
  }

  // ---- restore ------------------------------------------------------------------------------

  /** @return the next changelog offset this store lacks */
  public long nextOffset() {
    return stack.store().persistedOffset().orElse(-1) + 1;
  }

  /**
   * Applies changelog records read by a restore or the standby follower, with the local entries
   * the layout derives from them.
   *
   * @param batch records in changelog order
   */
  public void apply(List<ChangelogRecord> batch) {
    List<ChangelogRecord> all = batch;
    if (layout != null) {
      all = new ArrayList<>(batch.size() * 2);
      for (ChangelogRecord r : batch) {
        all.add(r);
        layout.restored(r, all);
      }
    }
    lock.lock();
    try {
      StoreStack s = stack;
      s.store().applyChangelog(all);
      CachingStore c = s.cache();
      if (c != null && !c.isEmpty()) {
        for (ChangelogRecord r : all) {
          c.invalidate(r.key());
        }
      }
      attachment = null;
    } finally {
      lock.unlock();
    }
  }

  /** Deletes every entry (the store is ahead of its changelog, which must have been recreated). */
  public void wipe() {
    lock.lock();
    try {
      StoreStack s = stack;
      List<StoreWrite> deletes = new ArrayList<>();
      try (StoreIterator it = s.store().all()) {
        it.forEachRemaining(e -> deletes.add(StoreWrite.delete(e.key())));
      }
      s.store().putAll(deletes);
      dropCache();
      attachment = null;
    } finally {
      lock.unlock();
    }
  }

  // ---- reads (no lock) ----------------------------------------------------------------------

  private StateStore readable(Role r, boolean inStream) {
    StoreStack s = stack;
    return s != null && (r.readable() || inStream && r == Role.SUSPENDED) ? s.top() : null;
  }

  /**
   * @param key entry key
   * @param inStream whether the caller processes a record of this partition (then a suspended
   *     partition is read too: the record's writes are dropped anyway)
   * @return the value, or null if absent or not readable here
   */
  public byte[] read(byte[] key, boolean inStream) {
    Role r = role;
    StateStore s = readable(r, inStream);
    if (s == null) {
      return null;
    }
    try {
      return s.get(key);
    } catch (StoreException e) {
      if (role == r && readable(r, inStream) == s) {
        throw e;
      }
      return null; // closed by a rebalance while we read
    }
  }

  /**
   * Visits the entries of {@code [from, to)}, or all entries with {@code from == null}.
   *
   * @param from first key, or null for all
   * @param to end key (exclusive)
   * @param inStream as for {@link #read}
   * @param visitor gets each entry
   */
  public void scan(byte[] from, byte[] to, boolean inStream, Consumer<StoreEntry> visitor) {
    Role r = role;
    StateStore s = readable(r, inStream);
    if (s == null) {
      return;
    }
    try (StoreIterator it = from == null ? s.all() : s.range(from, to)) {
      while (it.hasNext()) {
        visitor.accept(it.next());
      }
    } catch (StoreException e) {
      if (role == r && readable(r, inStream) == s) {
        throw e;
      }
    }
  }

  /**
   * @param hidden keys not counted (markers), or null if every key is an entry
   * @return the number of entries, 0 if not readable here
   */
  public long count(Predicate<byte[]> hidden) {
    StoreStack s = stack;
    if (s == null || !role.readable()) {
      return 0;
    }
    boolean exact = !s.store().persistent() && (s.cache() == null || !s.cache().hasDirty());
    if (hidden == null && exact) {
      return s.store().approximateCount(); // exact for stores that do not persist
    }
    long[] n = {0};
    scan(null, null, false, e -> n[0] += hidden != null && hidden.test(e.key()) ? 0 : 1);
    return n[0];
  }

  // ---- writes -------------------------------------------------------------------------------

  /**
   * Runs a task under the lock if the partition is writable here.
   *
   * @param task the work
   * @return its result
   * @throws NotWritableException if the partition is not writable here now
   */
  public <R> R write(Task<R> task) {
    lock.lock();
    try {
      if (!role.writable()) {
        throw NotWritableException.INSTANCE;
      }
      return task.run(writer);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a task if the partition is active and its lock free (background work such as closing
   * windows by the wall clock; a writer holding the lock does it itself).
   *
   * @param task the work
   * @return its result, or null if it did not run
   */
  public <R> R tryWriteActive(Task<R> task) {
    if (role != Role.ACTIVE || !lock.tryLock()) {
      return null;
    }
    try {
      return role == Role.ACTIVE ? task.run(writer) : null;
    } finally {
      lock.unlock();
    }
  }

  /** The partition as a {@link Task} sees it, under the lock. */
  public final class Writer {
    private Writer() {}

    /** @return the partition */
    public StatePartition partition() {
      return StatePartition.this;
    }

    /** @return see {@link StateStore#get} */
    public byte[] get(byte[] key) {
      return stack.top().get(key);
    }

    /** Writes (null value: deletes) a logged entry; see {@link StateStore#put}. */
    public void put(byte[] key, byte[] value) {
      stack.top().put(key, value);
    }

    /** Writes (null value: deletes) a local entry; see {@link StateStore#putLocal}. */
    public void putLocal(byte[] key, byte[] value) {
      stack.top().putLocal(key, value);
    }

    /** @return see {@link StateStore#range} */
    public StoreIterator range(byte[] from, byte[] to) {
      return stack.top().range(from, to);
    }

    /** @return see {@link StateStore#all} */
    public StoreIterator all() {
      return stack.top().all();
    }

    /** @return what the table attached, or null (after activation or a restore) */
    public Object attachment() {
      return attachment;
    }

    /** @param a what the table keeps about this partition's data until it changes under it */
    public void attach(Object a) {
      attachment = a;
    }

    /** @param t an event time written now; the stream time only moves forward */
    public void advanceStreamTime(long t) {
      if (t > streamTime) {
        streamTime = t;
      }
    }
  }

  // ---- introspection ------------------------------------------------------------------------

  /** @return what the store stack did, or {@link StateStats#EMPTY} when closed */
  public StateStats stats() {
    StoreStack s = stack;
    if (s == null) {
      return StateStats.EMPTY;
    }
    return StateStats.of(s.metered().counts(), s.cache() == null ? null : s.cache().stats());
  }

  /** @return the store's memory, or {@link StoreMemory#UNKNOWN} when closed */
  public StoreMemory memory() {
    StoreStack s = stack;
    try {
      return s == null ? StoreMemory.UNKNOWN : s.store().memoryUsage();
    } catch (StoreException e) {
      return StoreMemory.UNKNOWN; // closed meanwhile
    }
  }

  /** @return "table 'counts' partition 3", for messages */
  public String describe() {
    return "table '" + table + "' partition " + partition;
  }

  @Override
  public String toString() {
    return "StatePartition[" + table + "/" + partition + ", " + role + "]";
  }
}
