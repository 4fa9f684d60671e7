package dev.mephisto.core.internal.assign;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one worker knows about its group, shared between the assignor (which Kafka creates inside
 * the consumer) and the rest of the worker: its own web address and table partition counts (sent
 * when it joins) and the latest assignment (the partition to worker map of every worker).
 *
 * <p>Internal API for tables, the leader check and the web server (routing a table lookup to the
 * worker that holds the key). Thread-safe.
 */
public final class ClusterState {
  /** Consumer config key under which the assignor finds this object. */
  public static final String CONFIG = "mephisto.cluster.state";

  private final String leaderTopic;
  private volatile String webHost;
  private volatile int webPort;
  private volatile Map<Integer, Integer> tableReplicas = Map.of();
  private volatile ClusterView view = ClusterView.empty();
  private volatile Runnable onJoin = () -> {};
  private volatile AssignmentPlanner.Warmup warmup = AssignmentPlanner.Warmup.NONE;
  private volatile java.util.function.Supplier<Map<Unit, Long>> offsets = Map::of;
  private volatile boolean rebalancing;

  /**
   * @param leaderTopic the one-partition topic whose holder leads the group
   * @param webHost this worker's web host
   * @param webPort this worker's web port
   */
  public ClusterState(String leaderTopic, String webHost, int webPort) {
    this.leaderTopic = Objects.requireNonNull(leaderTopic, "leaderTopic");
    this.webHost = webHost;
    this.webPort = webPort;
  }

  /** @return the leader topic */
  public String leaderTopic() {
    return leaderTopic;
  }

  /**
   * Sets the address other workers are told, e.g. once a web server bound a port it picked.
   * Takes effect at the next rebalance.
   *
   * @param host host
   * @param port port
   */
  public void webAddress(String host, int port) {
    this.webHost = Objects.requireNonNull(host, "host");
    this.webPort = port;
  }

  /**
   * @param replicasByCount for each table partition count, the standby replicas wanted; the
   *     assignor creates units for these counts even when no topic has them
   */
  public void tableReplicas(Map<Integer, Integer> replicasByCount) {
    this.tableReplicas = Map.copyOf(replicasByCount);
  }

  /**
   * @param hook run on the polling thread whenever this worker (re)joins the group, before it
   *     sends its subscription (cooperative protocol: it keeps everything it holds meanwhile)
   */
  public void onJoin(Runnable hook) {
    this.onJoin = java.util.Objects.requireNonNull(hook, "hook");
  }

  /**
   * @param rule when a stateful unit may move to another worker (used when this worker leads
   *     the group's assignment)
   */
  public void warmup(AssignmentPlanner.Warmup rule) {
    this.warmup = Objects.requireNonNull(rule, "rule");
  }

  /** @return when a stateful unit may move */
  public AssignmentPlanner.Warmup warmup() {
    return warmup;
  }

  /**
   * @param offsets the changelog offsets this worker's copies reached, summed per unit; asked
   *     when it joins (see {@link MemberInfo#offsets()})
   */
  public void offsets(java.util.function.Supplier<Map<Unit, Long>> offsets) {
    this.offsets = Objects.requireNonNull(offsets, "offsets");
  }

  /** Runs the join hook; called by the assignor when this worker sends its subscription. */
  void joining() {
    rebalancing = true;
    onJoin.run();
  }

  /**
   * Whether this worker has joined a rebalance that has not given it its assignment yet (as
   * Kafka Streams' {@code rebalanceInProgress}). The group's generation may move on before the
   * assignment arrives, so an offset commit made now, with the old generation, would be refused:
   * a transaction's commit fatally ({@code CommitFailedException}). Periodic commits wait.
   *
   * @return true from this worker's join request until its assignment
   */
  public boolean rebalancing() {
    return rebalancing;
  }

  /** @return what this worker tells the assignor when it joins */
  public MemberInfo localInfo() {
    ClusterView v = view;
    java.util.Set<Unit> copies = new java.util.TreeSet<>(v.standbyRanks().keySet());
    copies.addAll(v.warmupUnits());
    return new MemberInfo(v.generation(), webHost, webPort, new TreeMap<>(tableReplicas),
        v.activeUnits(), copies, v.isLeader(), offsets.get());
  }

  /** @param assigned the assignment just received */
  public void assigned(ClusterView assigned) {
    this.view = Objects.requireNonNull(assigned, "assigned");
    rebalancing = false;
  }

  /** @return the latest assignment of the group */
  public ClusterView view() {
    return view;
  }

  /** @return every worker of the group, as of the latest assignment */
  public List<WorkerEndpoint> workers() {
    return view.workers();
  }

  /**
   * @param partitions partition count of a topic or table
   * @param partition a partition number
   * @return the worker holding that partition actively
   */
  public Optional<WorkerEndpoint> owner(int partitions, int partition) {
    return view.owner(new Unit(partitions, partition));
  }
}
