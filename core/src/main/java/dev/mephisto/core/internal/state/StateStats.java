package dev.mephisto.core.internal.state;

/**
 * What the store stack of one state partition (or, added up, of a table) did since it opened:
 * the metered layer's counts and the write cache's. Internal API for metrics and the dashboard.
 *
 * @param gets point reads asked by the tables
 * @param scans range and full scans
 * @param puts entries written
 * @param deletes entries deleted
 * @param cacheHits reads the write cache answered
 * @param cacheMisses reads that went to the store
 * @param cacheEntries entries the write cache holds now
 * @param cacheBytes bytes the write cache holds now
 * @param flushes flushes of the write cache that wrote something
 * @param flushedEntries entries those flushes wrote to store and changelog
 * @param evictions entries evicted to keep the worker's cache within its budget
 * @param flushNanos time spent flushing before commits
 */
public record StateStats(long gets, long scans, long puts, long deletes, long cacheHits,
    long cacheMisses, long cacheEntries, long cacheBytes, long flushes, long flushedEntries,
    long evictions, long flushNanos) {
  /** Nothing done. */
  public static final StateStats EMPTY = new StateStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * @param o other stats
   * @return both added up
   */
  public StateStats plus(StateStats o) {
    return new StateStats(gets + o.gets, scans + o.scans, puts + o.puts, deletes + o.deletes,
        cacheHits + o.cacheHits, cacheMisses + o.cacheMisses, cacheEntries + o.cacheEntries,
        cacheBytes + o.cacheBytes, flushes + o.flushes, flushedEntries + o.flushedEntries,
        evictions + o.evictions, flushNanos + o.flushNanos);
  }

  static StateStats of(MeteredStore.Counts m, CachingStore.CacheStats c) {
    return c == null
        ? new StateStats(m.gets(), m.scans(), m.puts(), m.deletes(), 0, m.gets(), 0, 0, 0, 0, 0,
            m.flushNanos())
        : new StateStats(m.gets(), m.scans(), m.puts(), m.deletes(), c.hits(), c.misses(),
            c.entries(), c.bytes(), c.flushes(), c.flushedEntries(), c.evictions(), m.flushNanos());
  }
}
