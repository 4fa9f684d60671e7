/**
 * The state layer: each table partition's data on this worker, its lock, and its store stack.
 *
 * <h2>Layers</h2>
 *
 * A {@link dev.mephisto.core.internal.state.StatePartition} holds one {@link
 * dev.mephisto.core.internal.state.StoreStack}, built as Kafka Streams' {@code
 * KeyValueStoreBuilder} builds its stores, each concern one layer ({@link
 * dev.mephisto.core.internal.state.StateStore}):
 *
 * <pre>
 *   MeteredStore      counts gets, scans, puts, deletes, flush time
 *     CachingStore    write-back cache, per partition, bounded by the worker's WorkerCache
 *       LoggedStore   store write, then changelog record; acks and the checkpoint
 *         Store       the plug-in (memory://, rocksdb://), through StoreAdapter
 * </pre>
 *
 * Caching is left out when the worker's budget is 0 (every write logged, as Faust does) and for
 * global tables; logging and caching are both left out before the app starts (test contexts).
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>The partition's lock is private to {@link dev.mephisto.core.internal.state.StatePartition}.
 *       Writers pass a {@code PartitionTask} to {@code write} (or {@code tryWriteActive}); it
 *       gets a {@code PartitionWriter}, usable only under the lock. Readers never lock: the cache
 *       is a concurrent skip list whose entries reach the store before they leave it.
 *   <li>A partition knows its table by name only. What a table's layout derives from its entries
 *       (time indexes) comes in through {@link
 *       dev.mephisto.core.internal.state.PartitionLayout}: {@code opened} sees a newly
 *       opened store, {@code restored} turns each restored changelog record into local entries.
 *   <li>Local entries ({@code putLocal}, keys starting {@code 0xFE}) are stored, never logged.
 *   <li>Commit order (at-least-once): the poll loop chooses the offsets, every partition {@code
 *       flush}es its cache (one {@code Store.putAll} batch, one changelog record per key), the
 *       producer is flushed, every partition {@code checkpoint}s the highest acknowledged
 *       changelog offset into its store, then the offsets are committed. Revoke commits first,
 *       so the same holds; close flushes; a crash ({@code abandon}) loses the cache, and the
 *       uncommitted events are processed again.
 * </ul>
 *
 * <h2>Extension points (for the work built on this package)</h2>
 *
 * <ul>
 *   <li><b>Exactly-once state</b> (done, Kafka Streams' way): under exactly-once the
 *       commit-time flush runs inside the transaction, and a store that persists is marked
 *       {@code LoggedStore.UNCLEAN} (its persisted offset, flushed) when its partition becomes
 *       active; the real offset goes back only when the partition is released (close, standby)
 *       with every write committed ({@code afterCommit} → {@code StatePartition.committed}). A
 *       store found unclean when opened — a crash, an abort — is wiped and restored from the
 *       changelog, whose committed records are all a {@code read_committed} restore sees; a
 *       close under exactly-once drops the cache instead of flushing it (never committed).
 *   <li><b>Restore off the poll thread.</b> Restore touches a partition only through {@code
 *       nextOffset}, {@code apply} and {@code wipe}, which take the partition's lock
 *       themselves, and roles change only through {@code activate}, {@code toStandby}, {@code
 *       toGlobal}, {@code suspend}, {@code close}; none needs the table. A state updater thread
 *       can call them and activate a partition when restored; writers wait for {@code
 *       Role#writable()} as they do during a rebalance.
 *   <li><b>Join and window stores.</b> A stateful operator or a session/sliding window declares
 *       a table-like state (its own changelog, partitioned like its source) and gets {@code
 *       StatePartition}s; its writes go through {@code write} with composite keys, and whatever
 *       closes or expires by time keeps a {@link dev.mephisto.core.internal.state.TimeIndex}
 *       (each with its own id) written next to the entries and derived again in {@code
 *       PartitionLayout.restored}. Windowed tables do exactly this ({@code table.WindowCloser}).
 * </ul>
 */
package dev.mephisto.core.internal.state;
