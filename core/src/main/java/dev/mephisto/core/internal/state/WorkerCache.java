package dev.mephisto.core.internal.state;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte budget of the worker's table write cache, shared by the {@link CachingStore} of every
 * table partition on the worker (Kafka Streams' {@code ThreadCache}, one per worker here). Each
 * partition keeps its own entries; when the total passes the budget, the partition being written
 * evicts its least recently used entries, flushing its dirty ones first.
 */
public final class WorkerCache {
  private final long maxBytes;
  private final AtomicLong used = new AtomicLong();

  /** @param maxBytes the budget; 0 turns caching off */
  public WorkerCache(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes was '" + maxBytes + "' but it should be >= 0");
    }
    this.maxBytes = maxBytes;
  }

  /** @return true unless the budget is 0 */
  public boolean enabled() {
    return maxBytes > 0;
  }

  /** @return the budget in bytes */
  public long maxBytes() {
    return maxBytes;
  }

  /** @return bytes the partitions' caches hold now */
  public long usedBytes() {
    return used.get();
  }

  void add(long delta) {
    if (delta != 0) {
      used.addAndGet(delta);
    }
  }

  boolean over() {
    return used.get() > maxBytes;
  }
}
