package dev.mephisto.core.internal.table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How far table restores are, per table: for logs and (internal API) the dashboard. Also counts
 * every changelog record this worker read, restoring or following, so tests can tell a full
 * restore from a tail.
 */
public final class RestoreProgress {
  /**
   * One table's restore.
   *
   * @param table table name
   * @param partitions partitions being restored
   * @param recordsDone records applied so far
   * @param recordsTotal records to apply (end offset minus start offset; compaction and
   *     transaction markers make the real number smaller)
   * @param recordsPerSecond rate since the restore began
   * @param eta time left at that rate, if it can be told
   * @param done true once finished
   */
  public record TableRestore(
      String table,
      List<Integer> partitions,
      long recordsDone,
      long recordsTotal,
      double recordsPerSecond,
      Optional<Duration> eta,
      boolean done) {}

  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> restored = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> followed = new ConcurrentHashMap<>();
  private volatile java.util.function.Consumer<dev.mephisto.RestoreProgress> listener = p -> { };

  /** @param l told about each table partition's progress (the worker's lifecycle) */
  public void listener(java.util.function.Consumer<dev.mephisto.RestoreProgress> l) {
    this.listener = l;
  }

  /** One table's restore under way (or the last one). */
  static final class Run {
    final String table;
    final TreeSet<Integer> partitions = new TreeSet<>();
    final Map<Integer, long[]> byPartition = new ConcurrentHashMap<>(); // {done, total}
    final long startNanos = System.nanoTime();
    volatile long total;
    volatile long done;
    volatile long endNanos;

    Run(String table) {
      this.table = table;
    }

    TableRestore snapshot() {
      long end = endNanos == 0 ? System.nanoTime() : endNanos;
      double secs = Math.max(1e-9, (end - startNanos) / 1e9);
      double rate = done / secs;
      long left = Math.max(0, total - done);
      Optional<Duration> eta = endNanos != 0 ? Optional.of(Duration.ZERO)
          : rate > 0 ? Optional.of(Duration.ofMillis((long) (left / rate * 1000))) : Optional.empty();
      return new TableRestore(table, List.copyOf(partitions), done, total, rate, eta, endNanos != 0);
    }

    dev.mephisto.RestoreProgress partition(int p) {
      long[] dt = byPartition.getOrDefault(p, new long[2]);
      long end = endNanos == 0 ? System.nanoTime() : endNanos;
      double rate = dt[0] / Math.max(1e-9, (end - startNanos) / 1e9);
      boolean finished = endNanos != 0;
      Optional<Duration> eta = finished ? Optional.of(Duration.ZERO) : rate > 0
          ? Optional.of(Duration.ofMillis((long) (Math.max(0, dt[1] - dt[0]) / rate * 1000)))
          : Optional.empty();
      return new dev.mephisto.RestoreProgress(table, p, dt[0], dt[1], rate, eta, finished);
    }
  }

  Run begin(String table, Map<Integer, Long> totals) {
    Run r = new Run(table);
    r.partitions.addAll(totals.keySet());
    totals.forEach((p, n) -> r.byPartition.put(p, new long[] {0, n}));
    r.total = totals.values().stream().mapToLong(Long::longValue).sum();
    runs.put(table, r);
    r.partitions.forEach(p -> listener.accept(r.partition(p)));
    return r;
  }

  void advance(Run run, int partition, long records) {
    run.done += records;
    long[] dt = run.byPartition.get(partition);
    if (dt != null) {
      dt[0] += records;
    }
    restored.computeIfAbsent(run.table, t -> new LongAdder()).add(records);
    listener.accept(run.partition(partition));
  }

  void finish(Run run) {
    run.endNanos = System.nanoTime();
    run.partitions.forEach(p -> listener.accept(run.partition(p)));
  }

  void followed(String table, long records) {
    followed.computeIfAbsent(table, t -> new LongAdder()).add(records);
  }

  /** @return the running or last restore of every table that restored */
  public List<TableRestore> snapshot() {
    List<TableRestore> l = new ArrayList<>();
    runs.values().forEach(r -> l.add(r.snapshot()));
    l.sort(java.util.Comparator.comparing(TableRestore::table));
    return l;
  }

  /**
   * @param table a table name
   * @return changelog records applied by active restores (before agents resumed) since start
   */
  public long restoredRecords(String table) {
    LongAdder a = restored.get(table);
    return a == null ? 0 : a.sum();
  }

  /**
   * @param table a table name
   * @return changelog records applied in the background (standby and global copies) since start
   */
  public long followedRecords(String table) {
    LongAdder a = followed.get(table);
    return a == null ? 0 : a.sum();
  }
}
