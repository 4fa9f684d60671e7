package dev.mephisto.core.internal.table;

import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.SetTable;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.codec.Codec;
import dev.mephisto.core.internal.AppServices;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.assign.WorkerEndpoint;
import dev.mephisto.core.internal.transport.TopicDefinition;
import dev.mephisto.store.Stores;
import java.time.Duration;
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
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of one app on this worker: declaration, changelog topics, and what each table
 * partition does as assignments come and go.
 *
 * <p>On every assignment (the polling thread, before agents get records) each partition moves to
 * its new role: newly active ones restore from their changelog, from the store's persisted
 * offset; standby copies follow their changelog in the background and, promoted, restore only
 * the tail; partitions that stay keep their open store across the (eager) rebalance; partitions
 * that leave close their store, which flushes it. Global tables restore fully at start and are
 * followed from then on. Store offsets are checkpointed right before offsets are committed, when
 * every changelog write so far has been acknowledged.
 */
public final class TableRuntime implements dev.mephisto.core.internal.TableSupport {
  private static final Logger log = LoggerFactory.getLogger(TableRuntime.class);
  private static final long SWEEP_NANOS = Duration.ofMillis(500).toNanos();

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

  private final MephistoApp app;
  private final AppServices services;
  private final Stores stores;
  private final Map<String, TableCore> tables = new LinkedHashMap<>();
  private final Map<String, Integer> topicCounts = new ConcurrentHashMap<>();
  private final RestoreProgress progress = new RestoreProgress();
  private final ReentrantLock roleLock = new ReentrantLock();
  private final Condition rolesChanged = roleLock.newCondition();
  private volatile State state = State.NEW;
  private volatile boolean rebalancing = true;
  private volatile boolean stopping;
  private TablePlacement placement;
  private Thread sweeper;

  /**
   * @param app the app
   * @param services its services
   */
  public TableRuntime(MephistoApp app, AppServices services) {
    this.app = app;
    this.services = services;
    this.stores = Stores.create(services.settings().stores());
  }

  String appId() {
    return services.settings().id();
  }

  AppSettings settings() {
    return services.settings();
  }

  AppServices services() {
    return services;
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

  @Override
  public <K, V> Table<K, V> table(TableSpec<K, V> spec, boolean global) {
    Objects.requireNonNull(spec, "spec");
    return new TableImpl<>(declare(spec, global), spec);
  }

  @Override
  public <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType) {
    TableCore core = declare(TableSpec.of(name, keyType, elementType), false);
    core.kind(TableCore.Kind.SET, "sets");
    return new SetTableImpl<>(core, keyType, elementType);
  }

  private TableCore declare(TableSpec<?, ?> spec, boolean global) {
    requireNotStarted("table '" + spec.name() + "'");
    String url = spec.store().orElse(settings().store());
    // an unknown scheme or a wrong option fails at declaration, not at assignment
    stores.provider(url).validate(Stores.parse(url));
    String keySpec = spec.keyCodec().orElse("json");
    String valueSpec = spec.valueCodec()
        .orElseGet(() -> services.valueSpecFor(spec.valueType(), Optional.of("json")));
    Codec keyCodec = services.codecs().resolve(keySpec);
    Codec valueCodec = services.codecs().resolve(valueSpec);
    int standby = spec.standbyReplicas().orElse(settings().tableStandbyReplicas());
    TableCore core = new TableCore(this, spec.name(), global, url, standby, spec.partitions(),
        spec.keyType(), spec.valueType(), keySpec, keyCodec, valueSpec, valueCodec);
    synchronized (tables) {
      if (tables.containsKey(spec.name())) {
        throw new ConfigurationException("Two tables are named '" + spec.name() + "' in app '"
            + appId() + "'; give one another name");
      }
      tables.put(spec.name(), core);
    }
    return core;
  }

  List<TableCore> cores() {
    synchronized (tables) {
      return List.copyOf(tables.values());
    }
  }

  // ---- start: topics, globals ---------------------------------------------------------------

  @Override
  public List<TopicDefinition> topics() {
    Map<String, Integer> sources = new LinkedHashMap<>();
    for (AgentRuntime<?, ?> a : app.agents()) {
      for (String t : a.topics()) {
        int n = partitionsOf(t);
        if (n > 0) {
          sources.put(t, n);
        }
      }
    }
    List<TopicDefinition> defs = new ArrayList<>();
    for (TableCore core : cores()) {
      OptionalInt existing = services.transport().partitions(core.changelog);
      Map<String, Integer> feeding = core.global ? Map.of() : sources;
      int n = TableTopics.partitions(core.declaredPartitions, existing, feeding,
          settings().topicPartitions());
      TableTopics.check(core.name, n, core.changelog, existing, feeding);
      for (TablePartition tp : core.parts()) {
        tp.close(); // stores used before start (test contexts) are dropped
      }
      core.partitions(n);
      defs.add(new TopicDefinition(core.changelog, n, settings().topicReplicationFactor(),
          Map.of("cleanup.policy", "compact")));
    }
    return defs;
  }

  @Override
  public void start() {
    state = State.STARTED;
    rebalancing = true;
    Map<Integer, Integer> replicas = new HashMap<>();
    List<TablePartition> globals = new ArrayList<>();
    boolean sweep = false;
    for (TableCore core : cores()) {
      if (core.global) {
        globals.addAll(List.of(core.parts()));
      } else {
        replicas.merge(core.partitionCount(), core.standbyReplicas, Math::max);
      }
      sweep |= core.windowed != null && core.windowed.source() == WindowedTableImpl.TimeSource.NOW;
    }
    services.cluster().tableReplicas(replicas);
    services.cluster().onJoin(this::suspend);
    progress.listener(services.monitor().lifecycle()::restore);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Restorer restorer = new Restorer(services.transport(), appId() + "-restore-" + suffix,
        progress, () -> stopping || app.stopRequested());
    ChangelogFollower follower =
        new ChangelogFollower(services.transport(), appId() + "-changelog-" + suffix, progress);
    placement = new TablePlacement(this, stores, restorer, follower);
    placement.startGlobals(globals);
    if (sweep) {
      sweeper = Thread.ofPlatform().daemon().name(appId() + "-window-sweeper").start(this::sweep);
    }
  }

  // ---- assignment ---------------------------------------------------------------------------

  @Override
  public void onAssigned(Collection<TopicPartition> partitions) {
    if (state != State.STARTED) {
      return;
    }
    try {
      placement.reconcile(cores());
    } finally {
      rebalancing = false;
      signalRoles();
    }
  }

  @Override
  public void onRevoked(Collection<TopicPartition> partitions) {
    suspend();
  }

  private void suspend() {
    if (state != State.STARTED) {
      return;
    }
    rebalancing = true;
    TablePlacement.suspend(cores());
    signalRoles();
  }

  @Override
  public void beforeCommit() {
    if (state != State.STARTED) {
      return;
    }
    for (TableCore core : cores()) {
      for (TablePartition tp : core.parts()) {
        Role r = tp.role();
        if (r == Role.ACTIVE || r == Role.SUSPENDED) {
          tp.checkpoint();
        }
      }
    }
  }

  // ---- stop ---------------------------------------------------------------------------------

  @Override
  public void stop() {
    shutdown(true);
  }

  /** Stops as a killed process would: no checkpoints; stores are only released. */
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
    Thread s = sweeper;
    if (s != null) {
      s.interrupt();
    }
    if (placement != null) {
      placement.close();
    }
    for (TableCore core : cores()) {
      for (TablePartition tp : core.parts()) {
        Role r = tp.role();
        if (graceful && (r == Role.ACTIVE || r == Role.SUSPENDED)) {
          try {
            tp.checkpoint();
          } catch (RuntimeException e) {
            log.warn("Could not checkpoint {}: {}", tp.describe(), e.getMessage());
          }
        }
        tp.close();
      }
    }
    signalRoles();
  }

  // ---- helpers for the tables ---------------------------------------------------------------

  private void sweep() {
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(SWEEP_NANOS);
      for (TableCore core : cores()) {
        WindowedTableImpl<?, ?> w = core.windowed;
        if (w != null && w.source() == WindowedTableImpl.TimeSource.NOW) {
          try {
            w.sweep();
          } catch (RuntimeException e) {
            log.warn("Closing windows of table '{}' failed: {}", core.name, e.toString());
          }
        }
      }
    }
  }

  int partitionsOf(String topic) {
    return topicCounts.computeIfAbsent(topic,
        t -> services.transport().partitions(t).orElse(-1));
  }

  void fatal(String table, RuntimeException e) {
    app.fatal("Table '" + table + "'", e);
  }

  String holderOf(TableCore core, int partition) {
    return services.cluster().owner(core.partitionCount(), partition)
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
    List<TableInfo> l = new ArrayList<>();
    for (TableCore core : cores()) {
      List<Integer> act = new ArrayList<>();
      List<Integer> sb = new ArrayList<>();
      for (TablePartition tp : core.parts()) {
        Role r = tp.role();
        if (r == Role.ACTIVE || r == Role.GLOBAL) {
          act.add(tp.partition);
        } else if (r == Role.STANDBY) {
          sb.add(tp.partition);
        }
      }
      String kind = core.global ? "global" : core.kind().name().toLowerCase(java.util.Locale.ROOT);
      l.add(new TableInfo(core.name, kind.equals("plain") ? "table" : kind,
          state == State.NEW ? 0 : core.partitionCount(), core.changelog,
          dev.mephisto.internal.Redaction.redactUrls(core.storeUrl), act, sb));
    }
    return l;
  }

  /**
   * @param table a table name
   * @param key a key of it
   * @return the worker that holds the key's partition (for a key written outside stream
   *     processing, or from a stream keyed like the table); empty for global tables (every worker
   *     has it) and while unknown
   */
  public Optional<WorkerEndpoint> ownerOf(String table, Object key) {
    TableCore core;
    synchronized (tables) {
      core = tables.get(table);
    }
    if (core == null || core.global || settings().inMemory()) {
      return Optional.empty();
    }
    int p = core.hashPartition(core.encodeKey(key));
    return services.cluster().owner(core.partitionCount(), p);
  }
}
