package dev.mephisto.core.internal.assign;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The group's assignment as one worker received it: every worker's address, which worker holds
 * each unit actively and which hold standby copies, and who leads. Immutable.
 *
 * @param generation the group generation it belongs to, -1 before the first assignment
 * @param memberId this worker's member id, or its {@code group.instance.id} when it has one
 *     ("" before the first assignment)
 * @param workers every worker of the group, in member id order
 * @param owners the index in {@code workers} of each unit's active holder
 * @param standbys the indexes of each unit's standby holders, best first
 * @param leader the index of the leader, -1 if none
 * @param warmups the index of the worker warming up a copy of each unit it is to take over
 * @param probe whether the group should rebalance again after the probing interval (warm-ups
 *     are under way)
 */
public record ClusterView(
    int generation,
    String memberId,
    List<WorkerEndpoint> workers,
    Map<Unit, Integer> owners,
    Map<Unit, List<Integer>> standbys,
    int leader,
    Map<Unit, Integer> warmups,
    boolean probe) {

  /** Copies the collections. */
  public ClusterView {
    workers = List.copyOf(workers);
    owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
    TreeMap<Unit, List<Integer>> s = new TreeMap<>();
    standbys.forEach((u, l) -> s.put(u, List.copyOf(l)));
    standbys = Collections.unmodifiableSortedMap(s);
    warmups = Collections.unmodifiableSortedMap(new TreeMap<>(warmups));
  }

  /** Without warm-ups. */
  public ClusterView(int generation, String memberId, List<WorkerEndpoint> workers,
      Map<Unit, Integer> owners, Map<Unit, List<Integer>> standbys, int leader) {
    this(generation, memberId, workers, owners, standbys, leader, Map.of(), false);
  }

  /** @return the units this worker warms up a copy of (to take them over once caught up) */
  public Set<Unit> warmupUnits() {
    int me = self();
    Set<Unit> s = new TreeSet<>();
    warmups.forEach((u, i) -> {
      if (me >= 0 && i == me) {
        s.add(u);
      }
    });
    return s;
  }

  /** @return the view before any assignment */
  public static ClusterView empty() {
    return new ClusterView(-1, "", List.of(), Map.of(), Map.of(), -1);
  }

  /** @return this worker's index in {@link #workers()}, -1 if it is not in the view */
  public int self() {
    for (int i = 0; i < workers.size(); i++) {
      if (workers.get(i).memberId().equals(memberId)) {
        return i;
      }
    }
    return -1;
  }

  /** @return the units this worker holds actively */
  public Set<Unit> activeUnits() {
    int me = self();
    Set<Unit> s = new TreeSet<>();
    owners.forEach((u, i) -> {
      if (i == me) {
        s.add(u);
      }
    });
    return s;
  }

  /** @return the units this worker holds as standby, each with its rank (0 = first standby) */
  public Map<Unit, Integer> standbyRanks() {
    int me = self();
    Map<Unit, Integer> m = new TreeMap<>();
    standbys.forEach((u, l) -> {
      int rank = l.indexOf(me);
      if (rank >= 0) {
        m.put(u, rank);
      }
    });
    return m;
  }

  /** @return true if this worker leads the group */
  public boolean isLeader() {
    return leader >= 0 && leader == self();
  }

  /**
   * @param unit a unit
   * @return the worker holding it actively
   */
  public Optional<WorkerEndpoint> owner(Unit unit) {
    Integer i = owners.get(unit);
    return i == null || i < 0 || i >= workers.size() ? Optional.empty() : Optional.of(workers.get(i));
  }

  /**
   * @param unit a unit
   * @return the workers holding standby copies of it, best first
   */
  public List<WorkerEndpoint> standbysOf(Unit unit) {
    return standbys.getOrDefault(unit, List.of()).stream()
        .filter(i -> i >= 0 && i < workers.size()).map(workers::get).toList();
  }
}
