package dev.mephisto.core.internal.metrics;

import java.util.List;

/**
 * Every meter name Mephisto registers, in Micrometer's dotted form (Prometheus shows {@code
 * mephisto.records.in} as {@code mephisto_records_in_total}). docs/operations.md lists them with
 * their Prometheus names; {@code MetricsIT} checks that list against a scrape.
 */
public final class MeterNames {
  /** Counter {app, topic, agent}: records an agent took from a topic. */
  public static final String RECORDS_IN = "mephisto.records.in";
  /** Counter {app, topic, agent}: records sent to a topic, by the agent whose thread sent them. */
  public static final String RECORDS_OUT = "mephisto.records.out";
  /** Timer with histogram {app, agent}: time an agent spent on one record. */
  public static final String PROCESSING = "mephisto.agent.processing";
  /** Timer with histogram {app, agent}: event timestamp to processed. */
  public static final String END_TO_END = "mephisto.agent.end.to.end";
  /** Gauge {app, topic, partition}: records behind the end of the partition. */
  public static final String LAG = "mephisto.consumer.lag";
  /** Gauge {app, topic, partition}: the next offset the worker reads. */
  public static final String POSITION = "mephisto.consumer.position";
  /** Gauge {app, topic, partition}: 1 while the partition is stalled, else 0. */
  public static final String STALLED = "mephisto.partition.stalled";
  /** Counter {app}: partitions that stalled (each episode once). */
  public static final String STALLS = "mephisto.stalls";
  /** Gauge {app}: topic partitions assigned to this worker. */
  public static final String ASSIGNED = "mephisto.partitions.assigned";
  /** Timer {app}: offset commits and how long each took. */
  public static final String COMMITS = "mephisto.commits";
  /** Counter {app}: rebalances this worker went through (assignments received). */
  public static final String REBALANCES = "mephisto.rebalances";
  /** Gauge {app, table, partition}: changelog records restored. */
  public static final String RESTORE_RECORDS = "mephisto.restore.records";
  /** Gauge {app, table, partition}: changelog records the restore has to apply. */
  public static final String RESTORE_TOTAL = "mephisto.restore.size";
  /** Gauge {app, table, partition}: records per second of the restore. */
  public static final String RESTORE_RATE = "mephisto.restore.rate";
  /** Gauge {app, table, partition}: estimated seconds left (0 when done, -1 unknown). */
  public static final String RESTORE_ETA = "mephisto.restore.eta.seconds";
  /** Counter {app, topic, reason}: records sent to a dead-letter topic. */
  public static final String DEAD_LETTERED = "mephisto.dlq.records";
  /** Gauge {app, table, role}: entries in the table partitions this worker holds. */
  public static final String TABLE_ENTRIES = "mephisto.table.entries";
  /** Function counter {app, table}: reads the table's write cache answered. */
  public static final String CACHE_HITS = "mephisto.table.cache.hits";
  /** Function counter {app, table}: reads that missed the write cache and went to the store. */
  public static final String CACHE_MISSES = "mephisto.table.cache.misses";
  /** Gauge {app, table}: hits over reads (NaN before the first read). */
  public static final String CACHE_HIT_RATIO = "mephisto.table.cache.hit.ratio";
  /** Gauge {app, table}: bytes of the table's store write buffers (memtables). */
  public static final String MEMTABLES = "mephisto.store.memtables.bytes";
  /** Gauge {app, table}: bytes of index and filter blocks held outside the block cache. */
  public static final String TABLE_READERS = "mephisto.store.table.readers.bytes";
  /** Gauge {app}: bytes in use in the stores' block caches, a shared cache counted once. */
  public static final String BLOCK_CACHE = "mephisto.store.block.cache.bytes";
  /** Gauge {app}: bytes of those caches pinned by iterators and readers. */
  public static final String BLOCK_CACHE_PINNED = "mephisto.store.block.cache.pinned.bytes";
  /** Gauge {app}: 1 while the worker is ready (assigned, restored, not stopping). */
  public static final String READY = "mephisto.worker.ready";

  /** Every name above, for docs and tests. */
  public static final List<String> ALL = List.of(RECORDS_IN, RECORDS_OUT, PROCESSING, END_TO_END,
      LAG, POSITION, STALLED, STALLS, ASSIGNED, COMMITS, REBALANCES, RESTORE_RECORDS, RESTORE_TOTAL,
      RESTORE_RATE, RESTORE_ETA, DEAD_LETTERED, TABLE_ENTRIES, CACHE_HITS, CACHE_MISSES,
      CACHE_HIT_RATIO, MEMTABLES, TABLE_READERS, BLOCK_CACHE, BLOCK_CACHE_PINNED, READY);

  private MeterNames() {}
}
