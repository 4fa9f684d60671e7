package dev.mephisto.core.internal.state;

import dev.mephisto.StoreException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.StoreSpec;
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
 * writers hand it a {@link PartitionTask}, which runs under the lock with a {@link
 * PartitionWriter}; role changes, restores, flushes and closes take it here. Readers never lock.
 *
 * <p>The partition knows its table by name only; what the table's layout adds (derived local
 * entries such as a {@link TimeIndex}) comes in through {@link PartitionLayout}.
 */
public final class StatePartition {
  private static final Logger log = LoggerFactory.getLogger(StatePartition.class);

  private final String table;
  private final int partition;
  private final TopicPartition changelog;
  private final String storeUrl;
  private final boolean cacheable;
  private final PartitionLayout layout;
  private final ReentrantLock lock = new ReentrantLock();
  private final PartitionWriter writer = new PartitionWriter(this);
  private volatile Role role = Role.NONE;
  private volatile StoreStack stack;
  private volatile long streamTime = Long.MIN_VALUE;
  private volatile boolean exactlyOnce;

  /**
   * @param table the table's name
   * @param changelogTopic its changelog topic
   * @param partition the partition number
   * @param storeUrl where its store lives
   * @param cacheable whether writes go through the worker's write cache
   * @param layout what the table adds, or null
   */
  public StatePartition(String table, String changelogTopic, int partition, String storeUrl,
      boolean cacheable, PartitionLayout layout) {
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

  /** @return the partition number; its changelog's is {@link #changelog()} */
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
    locked(() -> {
      if (stack == null) {
        Store s = env.stores().open(storeUrl, new StoreSpec(env.appId(), table, partition));
        opened(s);
        exactlyOnce = env.exactlyOnce();
        StoreStack.Builder b = StoreStack.over(s).logged(env.changelog(), changelog.topic(),
            partition).exactlyOnce(exactlyOnce);
        stack = (cacheable ? b.cached(env.cache(), lock) : b).build();
        if (stack.unclean()) {
          // in use under exactly-once when the worker crashed or aborted: it may hold writes of
          // a transaction that never committed; the changelog holds the committed ones
          log.info("The store of {} was not released cleanly under exactly-once; wiping it and "
              + "restoring it from changelog '{}'", describe(), changelog.topic());
          stack.wipe();
        }
      }
    });
  }

  /**
   * Opens a local store for use before the app started (no changelog), if none is open.
   *
   * @param appId the app id
   */
  public void openDetached(String appId) {
    locked(() -> {
      if (stack == null) {
        Store s = new LocalStore(new StoreSpec(appId, table, partition));
        opened(s);
        stack = StoreStack.over(s).build();
        role = Role.DETACHED;
      }
    });
  }

  private void opened(Store s) {
    if (layout != null) {
      layout.opened(s);
    }
  }

  /** Becomes a standby copy: cached writes go out first, then the follower owns the store. */
  public void toStandby() {
    locked(() -> {
      if (!exactlyOnce) {
        flushCacheQuietly(); // exactly-once: the last commit flushed what was committed
      }
      dropCache(); // the follower writes the store from now on: no stale copies
      releaseUnclean();
      role(Role.STANDBY);
    });
  }

  /** Exactly-once: a store that may hold uncommitted writes is wiped (the follower refills it). */
  private void releaseUnclean() {
    StoreStack s = stack;
    if (s != null && (role == Role.ACTIVE || role == Role.SUSPENDED) && !s.release()) {
      log.info("{} holds writes of a transaction that did not commit; wiping its store",
          describe());
      s.wipe();
    }
  }

  /** Becomes a partition of a global table. */
  public void toGlobal() {
    locked(() -> role(Role.GLOBAL));
  }

  /** Becomes active: writable, its own writes checkpointed from the store's offset on. */
  public void activate() {
    locked(() -> {
      if (stack != null) {
        stack.activated();
      }
      role(Role.ACTIVE); // the cache stays: a restore dropped its stale copies
    });
  }

  /** An active partition waits (a rebalance began); its store and cache stay. */
  public void suspend() {
    if (role != Role.ACTIVE) {
      return; // without the lock: a partition being restored holds it for a while
    }
    locked(() -> {
      if (role == Role.ACTIVE) {
        role = Role.SUSPENDED;
      }
    });
  }

  private void locked(Runnable r) {
    lock.lock();
    try {
      r.run();
    } finally {
      lock.unlock();
    }
  }

  /** A role change (not a suspension): what the table attached is rebuilt from the store. */
  private void role(Role r) {
    writer.attach(null);
    role = r;
  }

  private void dropCache() {
    if (stack != null) {
      stack.dropCache();
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
      if (graceful && !exactlyOnce) {
        flushCacheQuietly(); // exactly-once: what the cache holds now was never committed
      }
      dropCache();
      if (graceful) {
        StoreStack st = stack;
        if (st != null && (role == Role.ACTIVE || role == Role.SUSPENDED) && !st.release()) {
          log.info("{} closes with writes of a transaction that did not commit; its store is "
              + "wiped and restored when it is opened again", describe());
        }
      }
      role(Role.NONE);
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
    if (s != null && s.hasDirty() && (role == Role.ACTIVE || role == Role.SUSPENDED)) {
      try {
        s.flush();
      } catch (RuntimeException e) {
        log.warn("Writing the cached updates of {} failed; the events behind them are processed "
            + "again from the last committed offset: {}", describe(), e.toString());
      }
    }
  }

  // ---- commits ------------------------------------------------------------------------------

  /** Writes the cache's dirty entries to store and changelog (before a commit). */
  public void flush() {
    locked(() -> {
      if (stack != null && (role == Role.ACTIVE || role == Role.SUSPENDED)) {
        stack.flush();
      }
    });
  }

  /**
   * Stores the highest acknowledged changelog offset of this partition's writes; the producer was
   * flushed. Runs on the polling thread, without the lock.
   *
   * @throws StoreException if a changelog write failed
   */
  public void checkpoint() {
    StoreStack s = stack;
    if (s != null) {
      s.checkpoint();
    }
  }

  /** Exactly-once: the worker's transaction committed; what was written so far is committed. */
  public void committed() {
    StoreStack s = stack;
    if (s != null) {
      s.committed();
    }
  }

  // ---- restore ------------------------------------------------------------------------------

  /** @return the next changelog offset this store lacks */
  public long nextOffset() {
    return stack.nextOffset();
  }

  /**
   * Applies changelog records read by a restore or the standby follower, with the local entries
   * the layout derives from them.
   *
   * @param batch records in changelog order
   */
  public void apply(List<ChangelogRecord> batch) {
    locked(() -> {
      stack.apply(batch, layout);
      writer.attach(null);
    });
  }

  /** Deletes every entry (the store is ahead of its changelog, which must have been recreated). */
  public void wipe() {
    locked(() -> {
      stack.wipe();
      writer.attach(null);
    });
  }

  // ---- reads (no lock) ----------------------------------------------------------------------

  private StoreStack readable(Role r, boolean inStream) {
    StoreStack s = stack;
    return s != null && (r.readable() || inStream && r == Role.SUSPENDED) ? s : null;
  }

  /**
   * @param key entry key
   * @param inStream whether the caller processes a record of this partition (then a suspended
   *     partition is read too: the record's writes are dropped anyway)
   * @return the value, or null if absent or not readable here
   */
  public byte[] read(byte[] key, boolean inStream) {
    Role r = role;
    StoreStack s = readable(r, inStream);
    try {
      return s == null ? null : s.top().get(key);
    } catch (StoreException e) {
      if (role == r && stack == s) {
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
    StoreStack s = readable(r, inStream);
    try {
      if (s != null) {
        s.scan(from, to, visitor);
      }
    } catch (StoreException e) {
      if (role == r && stack == s) {
        throw e;
      }
    }
  }

  /**
   * @param hidden keys not counted (markers), or null if every key is an entry
   * @return the number of entries, 0 if not readable here
   */
  public long count(Predicate<byte[]> hidden) {
    StoreStack s = readable(role, false);
    return s == null ? 0 : s.count(hidden);
  }

  // ---- writes -------------------------------------------------------------------------------

  /**
   * @param task work to run under the lock if the partition is writable here
   * @return its result
   * @throws NotWritableException if the partition is not writable here now
   */
  public <R> R write(PartitionTask<R> task) {
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
  public <R> R tryWriteActive(PartitionTask<R> task) {
    if (role != Role.ACTIVE || !lock.tryLock()) {
      return null;
    }
    try {
      return role == Role.ACTIVE ? task.run(writer) : null;
    } finally {
      lock.unlock();
    }
  }

  // ---- for the writer, under the lock -------------------------------------------------------

  StateStore top() {
    return stack.top();
  }

  void advanceStreamTime(long t) {
    if (t > streamTime) {
      streamTime = t;
    }
  }

  // ---- introspection ------------------------------------------------------------------------

  /** @return what the store stack did, or {@link StateStats#EMPTY} when closed */
  public StateStats stats() {
    StoreStack s = stack;
    return s == null ? StateStats.EMPTY : s.stats();
  }

  /**
   * @return the store's approximate entry count whatever the role (metrics, the dashboard; markers
   *     and writes still in the cache are not counted out), 0 when closed
   */
  public long approximateCount() {
    StoreStack s = stack;
    try {
      return s == null ? 0 : s.store().approximateCount();
    } catch (StoreException e) {
      return 0; // closed by a rebalance while we counted
    }
  }

  /** @return the store's memory, or {@link StoreMemory#UNKNOWN} when closed */
  public StoreMemory memory() {
    StoreStack s = stack;
    return s == null ? StoreMemory.UNKNOWN : s.memory();
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
