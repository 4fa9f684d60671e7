package dev.mephisto.core.internal.table;

import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.SetTable;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.WindowedTable;
import dev.mephisto.WindowedTableSpec;
import dev.mephisto.codec.Codec;
import dev.mephisto.core.internal.assign.WorkerEndpoint;
import dev.mephisto.core.internal.state.Role;
import dev.mephisto.core.internal.state.StateEnvironment;
import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.core.internal.state.StateStats;
import dev.mephisto.core.internal.state.WorkerCache;
import dev.mephisto.core.internal.transport.TopicDefinition;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.Stores;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of one app on this worker: declaration, changelog topics, and what each table
 * partition does as assignments come and go.
 *
 * <p>On every assignment each partition moves to its new role on the state-updater thread (the
 * rebalance callback returns at once; the source partitions of a unit being restored stay paused): newly active ones restore from their changelog, from the store's persisted
 * offset; standby copies follow their changelog in the background and, promoted, restore only
 * the tail; partitions that stay are not touched (cooperative rebalancing); partitions that
 * leave are suspended when revoked and close their store, which flushes it. Global tables
 * restore fully at start and are followed from then on. Before every commit each partition's write cache is flushed to store and
 * changelog ({@link #beforeFlush}); once the producer acknowledged every changelog write, store
 * offsets are checkpointed ({@link #beforeCommit}), right before the input offsets are committed.
 *
 * <p>The runtime sees its app only through {@link TableHost}; each partition's data, lock and store
 * stack live in {@link StatePartition} (package {@code state}).
 */
public final class TableRuntime {
  private static final Logger log = LoggerFactory.getLogger(TableRuntime.class);

  private enum State { NEW, STARTED, STOPPED }

  /**
   * One table as the dashboard and CLI see it (internal API).
   *
   * @param name table name
   * @param kind {@code table}, {@code global}, {@code windowed} or {@code set}
   * @param partitions partition count (0 before start)
   * @param changelog changelog topic
   * @param store store URL
   * @param active partitions held actively here
   * @param standby partitions held as standby here
   */
  public record TableInfo(String name, String kind, int partitions, String changelog, String store,
      List<Integer> active, List<Integer> standby) {}

  /**
   * What one table's partitions on this worker did and use (internal API for metrics).
   *
   * @param state the store stacks' counts, added up
   * @param memory their stores' memory: memtables, table readers and heap added up, the shared
   *     block cache once
   */
  public record TableStats(StateStats state, StoreMemory memory) {}

  private final TableHost host;
  private final Stores stores;
  private final StateEnvironment env;
  private final TableRegistry registry;
  private final Map<String, Integer> topicCounts = new ConcurrentHashMap<>();
  private final RestoreProgress progress = new RestoreProgress();
  private final ReentrantLock roleLock = new ReentrantLock();
  private final Condition rolesChanged = roleLock.newCondition();
  private volatile State state = State.NEW;
  private volatile boolean rebalancing = true;
  private volatile boolean stopping;
  private TablePlacement placement;
  private final WindowSweeper sweeper = new WindowSweeper(this::cores);
  private final ReentrantLock placementLock = new ReentrantLock();
  private final List<Runnable> startChecks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final StateTables states = new StateTables(this);
  // source partitions whose tables are being restored, with the number of tasks holding each
  private final Map<TopicPartition, Integer> held = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger tasks =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile StateUpdater updater;

  /** @param host the app, as the tables see it */
  public TableRuntime(TableHost host) {
    this.host = host;
    this.stores = Stores.create(host.settings().stores());
    this.env = new StateEnvironment(stores, host.settings().id(),
        (topic, partition, key, value, onAck) ->
            host.sendChangelog(topic, partition, key, value).whenComplete(onAck),
        new WorkerCache(host.settings().tableCacheMaxBytes()),
        host.settings().processingGuarantee() == dev.mephisto.ProcessingGuarantee.EXACTLY_ONCE);
    this.registry = new TableRegistry(this, stores);
  }

  String appId() {
    return host.settings().id();
  }

  AppSettings settings() {
    return host.settings();
  }

  TableHost host() {
    return host;
  }

  boolean detached() {
    return state == State.NEW;
  }

  boolean rebalancing() {
    return rebalancing && state == State.STARTED;
  }

  void requireNotStarted(String what) {
    if (state != State.NEW) {
      throw new ConfigurationException("Cannot configure " + what + " after the app '" + appId()
          + "' started; configure it before start()");
    }
  }

  // ---- declarations -------------------------------------------------------------------------

  /**
   * @param spec the table
   * @param global whether every worker holds every partition
   * @return the table
   * @param <K> key type
   * @param <V> value type
   */
  public <K, V> Table<K, V> table(TableSpec<K, V> spec, boolean global) {
    Objects.requireNonNull(spec, "spec");
    return new TableImpl<>(declare(spec, global), spec);
  }

  /**
   * @param name the table name
   * @param keyType key type
   * @param elementType element type
   * @return the table
   * @param <K> key type
   * @param <E> element type
   */
  public <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType) {
    TableCore core = declare(TableSpec.of(name, keyType, elementType), false);
    core.kind(TableCore.Kind.SET, "sets");
    return new SetTableImpl<>(core, keyType, elementType);
  }

  /**
   * @param spec the windowed table
   * @return the table
   * @param <K> key type
   * @param <V> value type
   */
  public <K, V> WindowedTable<K, V> windowedTable(WindowedTableSpec<K, V> spec) {
    Objects.requireNonNull(spec, "spec");
    TableCore core = declare(spec.table(), false);
    core.kind(TableCore.Kind.WINDOWED, "windows");
    WindowedTableImpl<K, V> w = new WindowedTableImpl<>(core, spec);
    core.windowed = w;
    core.layout = w.closer();
    core.changelogConfigs = StateTables.windowedConfigs(spec.changelogRetention());
    return w;
  }

  /** @return the tables of operators and joins, declared when a stream opens them */
  public StateTables states() {
    return states;
  }

  /** Declares a table after start, under the placement lock (see {@link StateTables}). */
  TableCore declareLate(TableSpec<?, ?> spec, java.util.function.Consumer<TableCore> setUp) {
    TableCore core;
    placementLock.lock();
    try {
      Optional<TableCore> existing = registry.get(spec.name());
      if (existing.isPresent()) {
        return existing.get();
      }
      core = registry.declareAnyTime(spec, false);
      setUp.accept(core);
      if (state == State.NEW) {
        return core; // created with the others at start
      }
      int n = spec.partitions().orElseThrow();
      OptionalInt have = host.transport().partitions(core.changelog);
      TableTopics.check(core.name, n, core.changelog, have, Map.of());
      host.transport().ensureTopics(List.of(new TopicDefinition(core.changelog, n,
          settings().topicReplicationFactor(), core.changelogConfigs)));
      core.partitions(n);
    } finally {
      placementLock.unlock();
    }
    StateUpdater u = updater;
    if (state == State.STARTED && u != null) {
      // the assignment came first: take its partitions (on the updater, which owns restores)
      var done = u.submit(() -> reconcile(List.of(core)));
      if (!u.onUpdaterThread()) {
        try {
          done.join();
        } catch (java.util.concurrent.CompletionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    signalRoles();
    return core;
  }

  /** Runs at start once every table has its partition count (co-partitioning of joins). */
  void onStart(Runnable check) {
    startChecks.add(check);
  }

  private TableCore declare(TableSpec<?, ?> spec, boolean global) {
    return registry.declare(spec, global);
  }

  List<TableCore> cores() {
    return registry.cores();
  }

  // ---- start: topics, globals ---------------------------------------------------------------

  /** @return topics to create before the worker starts (changelogs) */
  public List<TopicDefinition> topics() {
    Map<String, Integer> sources = new LinkedHashMap<>();
    for (String t : host.sourceTopics()) {
      int n = partitionsOf(t);
      if (n > 0) {
        sources.put(t, n);
      }
    }
    List<TopicDefinition> defs = new ArrayList<>();
    for (TableCore core : cores()) {
      OptionalInt existing = host.transport().partitions(core.changelog);
      Map<String, Integer> feeding = core.global ? Map.of() : sources;
      int n = TableTopics.partitions(core.declaredPartitions, existing, feeding,
          settings().topicPartitions());
      TableTopics.check(core.name, n, core.changelog, existing, feeding);
      for (StatePartition tp : core.parts()) {
        tp.close(); // stores used before start (test contexts) are dropped
      }
      core.partitions(n);
      defs.add(new TopicDefinition(core.changelog, n, settings().topicReplicationFactor(),
          core.changelogConfigs));
    }
    startChecks.forEach(Runnable::run);
    return defs;
  }

  /** Called before the worker joins the group. */
  public void start() {
    state = State.STARTED;
    rebalancing = true;
    Map<Integer, Integer> replicas = new HashMap<>();
    List<StatePartition> globals = new ArrayList<>();
    for (TableCore core : cores()) {
      if (core.global) {
        globals.addAll(List.of(core.parts()));
      } else {
        replicas.merge(core.partitionCount(), core.standbyReplicas, Math::max);
      }
    }
    host.cluster().tableReplicas(replicas);
    host.cluster().onJoin(this::joining);
    host.cluster().warmup(new dev.mephisto.core.internal.assign.AssignmentPlanner.Warmup(
        settings().acceptableRecoveryLag(), settings().maxWarmupReplicas()));
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Restorer restorer = new Restorer(host.transport(), appId() + "-restore-" + suffix,
        progress, () -> stopping || host.stopRequested());
    ChangelogFollower follower =
        new ChangelogFollower(host.transport(), appId() + "-changelog-" + suffix, progress);
    placement = new TablePlacement(this, env, restorer, follower);
    TablePlacement p = placement;
    host.cluster().offsets(() -> p.offsets(cores()));
    placement.startGlobals(globals);
    updater = new StateUpdater(appId() + "-state-updater", e -> {
      if (!stopping && !host.stopRequested()) {
        fatal("(restore or role change)", e);
      }
    });
    updater.start();
    if (WindowSweeper.needed(cores())) {
      sweeper.start(appId() + "-window-sweeper");
    }
  }

  // ---- assignment ---------------------------------------------------------------------------

  /**
   * Partitions were assigned: every table partition moves to its new role on the state-updater
   * thread; this returns at once. Until a newly assigned source partition's tables are restored
   * (and global tables caught up) {@link #ready} says no, so the poll loop keeps it paused while
   * every other partition runs.
   *
   * @param partitions the new partitions
   */
  public void onAssigned(Collection<TopicPartition> partitions) {
    StateUpdater u = updater;
    if (state != State.STARTED || u == null) {
      return;
    }
    java.util.Set<TopicPartition> hold = toHold(partitions);
    hold.forEach(tp -> held.merge(tp, 1, Integer::sum));
    tasks.incrementAndGet();
    var submitted = u.submit(() -> {
      try {
        reconcile(cores());
      } finally {
        release(hold);
      }
    });
    if (submitted.isCancelled()) {
      release(hold); // stopping
    }
  }

  private void reconcile(List<TableCore> which) {
    placementLock.lock(); // a state declared meanwhile is either in cores() or sees the end
    try {
      placement.reconcile(which);
    } finally {
      placementLock.unlock();
    }
  }

  private void release(java.util.Set<TopicPartition> hold) {
    hold.forEach(tp -> held.computeIfPresent(tp, (k, n) -> n > 1 ? n - 1 : null));
    if (tasks.decrementAndGet() <= 0) {
      rebalancing = false;
    }
    signalRoles();
  }

  /** Newly assigned source partitions that must wait: their unit's tables are not active. */
  private java.util.Set<TopicPartition> toHold(Collection<TopicPartition> partitions) {
    java.util.Set<TopicPartition> hold = new java.util.HashSet<>();
    String leaderTopic = host.cluster().leaderTopic();
    boolean globals = false;
    for (TableCore core : cores()) {
      globals |= core.global;
    }
    for (TopicPartition tp : partitions) {
      if (tp.topic().equals(leaderTopic)) {
        continue;
      }
      if (globals) {
        hold.add(tp); // agents see everything global tables held when the partition came
        continue;
      }
      int n = partitionsOf(tp.topic());
      for (TableCore core : cores()) {
        if (!core.global && core.partitionCount() == n && tp.partition() < n
            && core.part(tp.partition()).role() != Role.ACTIVE) {
          hold.add(tp);
          break;
        }
      }
    }
    return hold;
  }

  /**
   * @param partition a source partition assigned to this worker
   * @return false while the tables it feeds are restoring (its records must wait)
   */
  public boolean ready(TopicPartition partition) {
    return !held.containsKey(partition);
  }

  /**
   * Partitions were revoked (after a commit): the table partitions of their units wait. Under the
   * cooperative protocol only what moves away is revoked; everything else keeps running.
   *
   * @param partitions the partitions taken away
   */
  public void onRevoked(Collection<TopicPartition> partitions) {
    if (state != State.STARTED) {
      return;
    }
    rebalancing = true;
    String leaderTopic = host.cluster().leaderTopic();
    for (TopicPartition tp : partitions) {
      if (tp.topic().equals(leaderTopic)) {
        continue;
      }
      int n = partitionsOf(tp.topic());
      for (TableCore core : cores()) {
        if (!core.global && core.partitionCount() == n && tp.partition() < n) {
          core.part(tp.partition()).suspend();
        }
      }
    }
    signalRoles();
  }

  /** The worker (re)joins: it keeps what it holds (cooperative), writes may wait for roles. */
  private void joining() {
    if (state == State.STARTED) {
      rebalancing = true;
    }
  }

  /** A commit begins: every partition's write cache goes to store and changelog. */
  public void beforeFlush() {
    if (state != State.STARTED) {
      return;
    }
    for (TableCore core : cores()) {
      for (StatePartition tp : core.parts()) {
        // only active ones: a suspended one was flushed by the commit before its revocation,
        // and one being restored is locked by the state updater (the poll loop must not wait)
        if (tp.role() == Role.ACTIVE) {
          tp.flush();
        }
      }
    }
  }

  /** The producer was flushed: store offsets are checkpointed before the offsets are committed. */
  public void beforeCommit() {
    if (state != State.STARTED) {
      return;
    }
    for (TableCore core : cores()) {
      for (StatePartition tp : core.parts()) {
        if (tp.role() == Role.ACTIVE) { // suspended ones were checkpointed before revocation
          tp.checkpoint();
        }
      }
    }
  }

  /** Exactly-once: the transaction committed; stores may be released clean from now on. */
  public void afterCommit() {
    if (state != State.STARTED) {
      return;
    }
    for (TableCore core : cores()) {
      for (StatePartition tp : core.parts()) {
        tp.committed();
      }
    }
  }

  // ---- stop ---------------------------------------------------------------------------------

  /** Called after the worker left the group: caches flushed, checkpoints taken, stores closed. */
  public void stop() {
    shutdown(true);
  }

  /** Stops as a killed process would: caches lost, no checkpoints; stores are only released. */
  public void crash() {
    shutdown(false);
  }

  private void shutdown(boolean graceful) {
    State was = state;
    if (was == State.STOPPED) {
      return;
    }
    state = State.STOPPED;
    stopping = true;
    sweeper.stop();
    StateUpdater u = updater;
    if (u != null) {
      u.close(); // a running restore sees 'stopping' and ends
    }
    if (placement != null) {
      placement.close();
    }
    for (TableCore core : cores()) {
      for (StatePartition tp : core.parts()) {
        Role r = tp.role();
        if (graceful && (r == Role.ACTIVE || r == Role.SUSPENDED)) {
          try {
            tp.checkpoint();
          } catch (RuntimeException e) {
            log.warn("Could not checkpoint {}: {}", tp.describe(), e.getMessage());
          }
        }
        if (graceful) {
          tp.close();
        } else {
          tp.abandon();
        }
      }
    }
    signalRoles();
  }

  // ---- helpers for the tables ---------------------------------------------------------------

  int partitionsOf(String topic) {
    Integer n = topicCounts.get(topic);
    if (n != null) {
      return n;
    }
    int found = host.transport().partitions(topic).orElse(-1);
    if (found > 0) { // a topic not there yet is asked for again, not taken as absent for ever
      topicCounts.put(topic, found);
    }
    return found;
  }

  void fatal(String table, RuntimeException e) {
    host.fatal("Table '" + table + "'", e);
  }

  String holderOf(TableCore core, int partition) {
    return host.cluster().owner(core.partitionCount(), partition)
        .map(e -> "worker '" + e.address() + "' (member '" + e.memberId() + "')")
        .orElse("no worker right now (the group is rebalancing or the app stopped)");
  }

  void awaitRoles(long nanos) {
    roleLock.lock();
    try {
      rolesChanged.awaitNanos(Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(100)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.mephisto.MephistoException("Interrupted while waiting for a table partition", e);
    } finally {
      roleLock.unlock();
    }
  }

  private void signalRoles() {
    roleLock.lock();
    try {
      rolesChanged.signalAll();
    } finally {
      roleLock.unlock();
    }
  }

  // ---- internal API (web, dashboard, CLI, tests) --------------------------------------------

  /** @return lookups, scans and sizes for the web server and the CLI */
  public TableQueries queries() {
    return new TableQueries(this);
  }

  /** @return restore progress and changelog read counts */
  public RestoreProgress restoreProgress() {
    return progress;
  }

  /** @return every table with what this worker holds of it */
  public List<TableInfo> describe() {
    return registry.describe(state != State.NEW);
  }

  /** @return per table, what its partitions' store stacks did and the memory their stores use */
  public Map<String, TableStats> stats() {
    return registry.stats();
  }

  /** @return the worker's write cache: its budget and the bytes held now */
  public WorkerCache writeCache() {
    return env.cache();
  }

  /**
   * @param table a table name
   * @param key a key of it
   * @return the worker that holds the key's partition (for a key written outside stream
   *     processing, or from a stream keyed like the table); empty for global tables (every worker
   *     has it) and while unknown
   */
  public Optional<WorkerEndpoint> ownerOf(String table, Object key) {
    TableCore core = registry.get(table).orElse(null);
    if (core == null || core.global || settings().inMemory()) {
      return Optional.empty();
    }
    int p = core.hashPartition(core.encodeKey(key));
    return host.cluster().owner(core.partitionCount(), p);
  }
}
