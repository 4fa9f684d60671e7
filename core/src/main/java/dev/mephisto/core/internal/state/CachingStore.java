package dev.mephisto.core.internal.state;

import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreWrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The caching layer: a write-back cache of one state partition, bounded by the worker's {@link
 * WorkerCache} (Kafka Streams' {@code CachingKeyValueStore} over a {@code NamedCache}).
 *
 * <p>Writes land here and are marked dirty; repeated updates of a key collapse into one entry.
 * {@link #flush()} writes every dirty entry to the layer below in one batch (the change-logging
 * layer: one {@code putAll} on the store, then one changelog record per key), so after a flush
 * the changelog holds each key's last value. Flushes happen before every commit, on revoke and
 * close, and when the worker's budget is exceeded: then this partition evicts its least recently
 * used entries, flushing all its dirty entries first if the eldest is dirty. Flushed entries stay
 * as clean copies (deletes too, as known absences) until evicted.
 *
 * <p>Writers hold the partition's lock; they alone touch the recency list, the dirty list and the
 * hash index their point lookups use ({@link KeyIndex}: no skip-list comparisons on the hot path).
 * Readers on other threads look the key up in a concurrent skip list (ordered, so ranges merge
 * with the store's) and read the entry's volatile value; an entry leaves the map only after its
 * value is in the store, so a reader that misses the cache finds it there.
 */
public final class CachingStore implements StateStore {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(CachingStore.class);
  private final StateStore inner;
  private final WorkerCache budget;
  private final ReentrantLock lock;
  private final ConcurrentSkipListMap<byte[], CacheEntry> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  // the same entries by key contents, for the writer's point lookups (under the lock)
  private final KeyIndex index = new KeyIndex();
  private final List<CacheEntry> dirty = new ArrayList<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private CacheEntry newest;
  private CacheEntry eldest;
  /** The key array of the writer's last read and what it found: an update then skips a lookup. */
  private byte[] lastReadKey;
  private CacheEntry lastRead;
  private volatile long bytes;
  private volatile int entries;
  private volatile long flushes;
  private volatile long flushedEntries;
  private volatile long evictions;

  /**
   * @param inner the layer below (change-logging)
   * @param budget the worker's cache budget
   * @param lock the partition's lock, held by every writer
   */
  public CachingStore(StateStore inner, WorkerCache budget, ReentrantLock lock) {
    this.inner = inner;
    this.budget = budget;
    this.lock = lock;
  }

  @Override
  public byte[] get(byte[] key) {
    boolean writer = lock.isHeldByCurrentThread();
    CacheEntry e = writer ? lookup(key) : map.get(key);
    if (writer) {
      lastReadKey = key;
      lastRead = e;
    }
    if (e != null) {
      hits.increment();
      if (writer) {
        touch(e);
      }
      return e.value;
    }
    misses.increment();
    return inner.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    cache(key, value, false);
  }

  @Override
  public void putLocal(byte[] key, byte[] value) {
    cache(key, value, true);
  }

  @Override
  public void putAll(List<StoreWrite> batch, BitSet local) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      StoreWrite w = batch.get(i);
      cache(w.key(), w.value(), local != null && local.get(i));
    }
  }

  private void cache(byte[] key, byte[] value, boolean local) {
    // the same array just read under this lock: nothing changed the map since (every change
    // comes through here, evict, invalidate or clear, which forget the last read)
    CacheEntry e = key == lastReadKey ? lastRead : lookup(key);
    forgetLastRead();
    if (e == null) {
      e = new CacheEntry(key, value, local);
      map.put(key, e);
      if (index.enabled()) {
        index.add(e);
        if (!index.enabled()) {
          log.warn("A table write cache met {} keys in one hash probe run (keys crafted to "
              + "collide?): it looks keys up in its ordered map from now on", KeyIndex.MAX_PROBES);
        }
      }
      entries++;
      linkNewest(e);
      account(e.size);
    } else {
      int size = CacheEntry.sizeOf(e.key, value);
      e.value = value;
      e.local = local;
      account(size - e.size);
      e.size = size;
      touch(e);
    }
    if (!e.dirty) {
      e.dirty = true;
      dirty.add(e);
    }
    if (budget.over()) {
      evict();
    }
  }

  private void forgetLastRead() {
    lastReadKey = null;
    lastRead = null;
  }

  private void account(long delta) {
    if (delta != 0) {
      bytes += delta;
      budget.add(delta);
    }
  }

  /** Evicts this partition's eldest entries until the worker is within budget or this is empty. */
  private void evict() {
    forgetLastRead();
    while (budget.over() && eldest != null) {
      CacheEntry victim = eldest;
      if (victim.dirty) {
        flush(); // all dirty entries in one batch, as Kafka Streams does
      }
      unlink(victim);
      map.remove(victim.key, victim);
      index.remove(victim);
      entries--;
      account(-victim.size);
      evictions++;
    }
  }

  @Override
  public StoreIterator range(byte[] from, byte[] to) {
    StoreIterator stored = inner.range(from, to);
    if (Arrays.compareUnsigned(from, to) >= 0) {
      return new MergedIterator(java.util.Collections.emptyIterator(), stored);
    }
    return new MergedIterator(map.subMap(from, true, to, false).values().iterator(), stored);
  }

  @Override
  public StoreIterator all() {
    return new MergedIterator(map.values().iterator(), inner.all());
  }

  /** Writes every dirty entry to the layer below, in one batch. The caller holds the lock. */
  @Override
  public void flush() {
    int n = dirty.size();
    if (n == 0) {
      return;
    }
    List<StoreWrite> batch = new ArrayList<>(n);
    BitSet local = null;
    for (int i = 0; i < n; i++) {
      CacheEntry e = dirty.get(i);
      batch.add(new StoreWrite(e.key, e.value));
      if (e.local) {
        (local == null ? local = new BitSet(n) : local).set(i);
      }
    }
    inner.putAll(batch, local);
    for (int i = 0; i < n; i++) {
      dirty.get(i).dirty = false;
    }
    dirty.clear();
    flushes++;
    flushedEntries += n;
  }

  /** @return true if entries were written since the last flush */
  public boolean hasDirty() {
    return !dirty.isEmpty();
  }

  /** The writer's point lookup: the hash index, or the skip list once the index gave up. */
  private CacheEntry lookup(byte[] key) {
    if (index.enabled()) {
      return index.get(key);
    }
    return map.get(key);
  }

  /**
   * Forgets the clean copy of a key whose stored value changed under the cache (a restore or the
   * standby follower wrote it). Dirty entries are newer than anything restored and stay.
   *
   * @param key a key written to the store directly
   */
  void invalidate(byte[] key) {
    forgetLastRead();
    CacheEntry e = lookup(key);
    if (e != null && !e.dirty) {
      unlink(e);
      map.remove(key, e);
      index.remove(e);
      entries--;
      account(-e.size);
    }
  }

  /** @return true if nothing is cached */
  boolean isEmpty() {
    return eldest == null;
  }

  /** Forgets every entry, dirty or not (after a flush, or when a crash loses them). */
  void clear() {
    forgetLastRead();
    map.clear();
    index.clear();
    dirty.clear();
    newest = null;
    eldest = null;
    entries = 0;
    account(-bytes);
  }

  /** @return hits, misses, size and flush counts of this cache */
  CacheStats stats() {
    return new CacheStats(hits.sum(), misses.sum(), entries, bytes, flushes, flushedEntries,
        evictions);
  }

  /**
   * What one partition's cache did.
   *
   * @param hits reads answered by the cache
   * @param misses reads that went to the store
   * @param entries entries held now
   * @param bytes bytes held now
   * @param flushes flushes that wrote something
   * @param flushedEntries entries written by them
   * @param evictions entries evicted to stay within budget
   */
  record CacheStats(long hits, long misses, long entries, long bytes, long flushes,
      long flushedEntries, long evictions) {}

  // ---- recency list (newest first), guarded by the lock --------------------------------------

  private void linkNewest(CacheEntry e) {
    e.older = newest;
    e.newer = null;
    if (newest != null) {
      newest.newer = e;
    }
    newest = e;
    if (eldest == null) {
      eldest = e;
    }
  }

  private void unlink(CacheEntry e) {
    if (e.newer != null) {
      e.newer.older = e.older;
    } else {
      newest = e.older;
    }
    if (e.older != null) {
      e.older.newer = e.newer;
    } else {
      eldest = e.newer;
    }
    e.newer = null;
    e.older = null;
  }

  private void touch(CacheEntry e) {
    if (newest != e) {
      unlink(e);
      linkNewest(e);
    }
  }
}
