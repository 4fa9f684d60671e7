package dev.mephisto.core.internal.table;

import dev.mephisto.MephistoException;
import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.core.internal.transport.RecordSource;
import dev.mephisto.core.internal.transport.Transport;
import dev.mephisto.store.ChangelogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings table partitions up to their changelog's end before agents resume: reads from each
 * store's persisted offset (everything for a store that does not persist) with a group-less
 * consumer, applies batches of up to {@value #BATCH} records with {@code Store.applyChangelog},
 * and logs progress per table every 2 s. Done is "position reached the end offset taken at the
 * start", so transaction markers and compacted gaps cannot make it wait forever. Runs on the
 * state-updater thread ({@link StateUpdater}), and on the starting thread for global tables.
 */
final class Restorer implements AutoCloseable {
  static final int BATCH = 10_000;
  private static final Logger log = LoggerFactory.getLogger(Restorer.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long LOG_EVERY_NANOS = Duration.ofSeconds(2).toNanos();
  private static final long STALL_NANOS = Duration.ofSeconds(30).toNanos();
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final Transport transport;
  private final String clientId;
  private final RestoreProgress progress;
  private final BooleanSupplier stopping;
  private final Duration settle;
  private RecordSource source;

  Restorer(Transport transport, String clientId, RestoreProgress progress, BooleanSupplier stopping) {
    this(transport, clientId, progress, stopping, SETTLE);
  }

  /** @param settle how long a changelog end behind its store may take to catch up */
  Restorer(Transport transport, String clientId, RestoreProgress progress,
      BooleanSupplier stopping, Duration settle) {
    this.transport = transport;
    this.clientId = clientId;
    this.progress = progress;
    this.stopping = stopping;
    this.settle = settle;
  }

  RecordSource source() {
    if (source == null) {
      source = transport.newRestoreSource(clientId);
    }
    return source;
  }

  /**
   * @param changelogs changelog partitions
   * @return their end offsets now
   */
  Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> changelogs) {
    if (changelogs.isEmpty()) {
      return Map.of();
    }
    RecordSource s = source();
    // Kafka's consumer warns about offsets of partitions it is not assigned
    s.assign(changelogs);
    try {
      return s.endOffsets(changelogs);
    } finally {
      s.assign(List.of());
    }
  }

  /**
   * @param parts partitions with open stores
   * @return how many records were applied
   */
  long restore(Collection<StatePartition> parts) {
    if (parts.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, StatePartition> byTp = new LinkedHashMap<>();
    parts.forEach(p -> byTp.put(p.changelog(), p));
    RecordSource s = source();
    s.assign(byTp.keySet());
    Map<TopicPartition, Long> begin;
    Map<TopicPartition, Long> end;
    try {
      begin = s.beginningOffsets(byTp.keySet());
      end = settledEnds(s, byTp, s.endOffsets(byTp.keySet()), settle);
    } finally {
      s.assign(List.of());
    }
    Map<TopicPartition, Long> start = new LinkedHashMap<>();
    Map<String, Map<Integer, Long>> totals = new LinkedHashMap<>();
    for (var e : byTp.entrySet()) {
      StatePartition tp = e.getValue();
      long b = begin.getOrDefault(e.getKey(), 0L);
      long en = end.getOrDefault(e.getKey(), 0L);
      long from = tp.nextOffset();
      if (from > en) {
        log.warn("The store of {} holds changelog offsets up to {} but changelog '{}' partition {} "
            + "ends at {}: the changelog was recreated; rebuilding the store from it",
            tp.describe(), from - 1, tp.changelog().topic(), tp.partition(), en);
        tp.wipe();
        from = b;
      }
      from = Math.max(from, b);
      if (from < en) {
        start.put(e.getKey(), from);
        totals.computeIfAbsent(tp.table(), t -> new TreeMap<>()).put(tp.partition(), en - from);
      }
    }
    if (start.isEmpty()) {
      return 0;
    }
    Map<String, RestoreProgress.Run> runs = new HashMap<>();
    totals.forEach((t, ps) -> {
      RestoreProgress.Run run = progress.begin(t, ps);
      runs.put(t, run);
      log.info("Restoring table '{}' partitions {} from its changelog: {} records", t, ps.keySet(),
          run.total);
    });
    s.assign(start.keySet());
    start.forEach(s::seek);
    long applied = 0;
    try {
      applied = read(s, byTp, start, end, runs);
    } finally {
      s.assign(List.of());
    }
    for (RestoreProgress.Run r : runs.values()) {
      progress.finish(r);
      RestoreProgress.TableRestore t = r.snapshot();
      log.info("Restored table '{}' partitions {}: {} records in {} ms ({} records/s)", t.table(),
          t.partitions(), t.recordsDone(), (r.endNanos - r.startNanos) / 1_000_000,
          Math.round(t.recordsPerSecond()));
    }
    return applied;
  }

  /**
   * End offsets no store is ahead of, or the ones found after {@code settle}. Under
   * exactly-once the end is the last stable offset, which trails a transaction this worker
   * committed a moment ago (and checkpointed) until its markers are written; only a changelog that
   * stays behind its store was recreated.
   */
  private static Map<TopicPartition, Long> settledEnds(RecordSource s,
      Map<TopicPartition, StatePartition> byTp, Map<TopicPartition, Long> end, Duration settle) {
    Map<TopicPartition, Long> ends = new HashMap<>(end);
    long deadline = System.nanoTime() + settle.toNanos();
    while (true) {
      List<TopicPartition> behind = new ArrayList<>();
      byTp.forEach((tp, part) -> {
        if (part.nextOffset() > ends.getOrDefault(tp, 0L)) {
          behind.add(tp);
        }
      });
      if (behind.isEmpty() || System.nanoTime() > deadline) {
        return ends;
      }
      try {
        Thread.sleep(50); // a poll for a broker-side change, not a wait on this process
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ends;
      }
      ends.putAll(s.endOffsets(behind));
    }
  }

  private long read(RecordSource s, Map<TopicPartition, StatePartition> byTp,
      Map<TopicPartition, Long> start, Map<TopicPartition, Long> end,
      Map<String, RestoreProgress.Run> runs) {
    Set<TopicPartition> pending = new LinkedHashSet<>(start.keySet());
    Map<TopicPartition, List<ChangelogRecord>> batches = new HashMap<>();
    pending.forEach(tp -> batches.put(tp, new ArrayList<>(BATCH)));
    Sink sink = new Sink(batches);
    long applied = 0;
    long lastLog = System.nanoTime();
    long lastRecord = lastLog;
    while (!pending.isEmpty()) {
      if (stopping.getAsBoolean()) {
        throw new MephistoException("Restore of tables " + runs.keySet() + " stopped: the worker "
            + "is shutting down");
      }
      int n = s.poll(POLL, sink);
      long now = System.nanoTime();
      if (n > 0) {
        lastRecord = now;
      }
      for (var it = pending.iterator(); it.hasNext(); ) {
        TopicPartition tp = it.next();
        List<ChangelogRecord> batch = batches.get(tp);
        boolean done = s.position(tp) >= end.get(tp);
        if (batch.size() >= BATCH || done && !batch.isEmpty()) {
          StatePartition part = byTp.get(tp);
          part.apply(batch);
          progress.advance(runs.get(part.table()), part.partition(), batch.size());
          applied += batch.size();
          batches.put(tp, new ArrayList<>(BATCH));
        }
        if (done) {
          it.remove();
        }
      }
      sink.reset();
      if (now - lastLog >= LOG_EVERY_NANOS) {
        lastLog = now;
        runs.values().forEach(r -> logProgress(r.snapshot()));
      }
      if (now - lastRecord >= STALL_NANOS) {
        lastRecord = now;
        Map<TopicPartition, String> where = new LinkedHashMap<>();
        pending.forEach(tp -> where.put(tp, s.position(tp) + " of " + end.get(tp)));
        log.warn("Restore read nothing for {} s; positions of unfinished changelog partitions: {}; "
            + "is the broker reachable?", STALL_NANOS / 1_000_000_000L, where);
      }
    }
    return applied;
  }

  private static void logProgress(RestoreProgress.TableRestore t) {
    log.info("Restoring table '{}' partitions {}: {} / {} records, {} records/s, ETA {} s",
        t.table(), t.partitions(), t.recordsDone(), t.recordsTotal(),
        Math.round(t.recordsPerSecond()), t.eta().map(Duration::toSeconds).orElse(-1L));
  }

  @Override
  public void close() {
    if (source != null) {
      source.close();
      source = null;
    }
  }

  /** Collects polled records into their partition's batch; remembers the last partition. */
  private static final class Sink implements java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> {
    private final Map<TopicPartition, List<ChangelogRecord>> batches;
    private String lastTopic;
    private int lastPartition = -1;
    private List<ChangelogRecord> last;

    Sink(Map<TopicPartition, List<ChangelogRecord>> batches) {
      this.batches = batches;
    }

    void reset() {
      lastTopic = null;
      last = null;
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> r) {
      if (last == null || r.partition() != lastPartition || !r.topic().equals(lastTopic)) {
        lastTopic = r.topic();
        lastPartition = r.partition();
        last = batches.get(new TopicPartition(lastTopic, lastPartition));
      }
      if (last != null && KeylessRecords.accept(r)) {
        last.add(new ChangelogRecord(r.key(), r.value(), r.offset()));
      }
    }
  }
}
