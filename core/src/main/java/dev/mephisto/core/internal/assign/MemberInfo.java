package dev.mephisto.core.internal.assign;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a worker tells the assignor when it joins (the subscription's user data): its web address,
 * the partition counts of its tables with their standby replicas, and what it held before, so
 * that the assignment can stay where the data is.
 *
 * @param generation the group generation of the previous assignment, -1 if none
 * @param host web server host
 * @param port web server port
 * @param replicasByCount for each table partition count, the most standby replicas any table of
 *     that count wants
 * @param active units it held actively
 * @param standby units it held as standby
 * @param leader whether it held the leader partition
 * @param offsets for units it holds a copy of (active, standby or warm-up): the changelog offsets
 *     its copy reached, summed over the unit's tables (as Kafka Streams' task offset sums); the
 *     active holder's sum stands for the changelog's end
 */
public record MemberInfo(
    int generation,
    String host,
    int port,
    SortedMap<Integer, Integer> replicasByCount,
    Set<Unit> active,
    Set<Unit> standby,
    boolean leader,
    Map<Unit, Long> offsets) {

  /** Copies the collections into sorted, unmodifiable ones. */
  public MemberInfo {
    replicasByCount = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(replicasByCount));
    active = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(active));
    standby = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(standby));
    offsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(offsets));
  }

  /** Without offsets (no copy measured). */
  public MemberInfo(int generation, String host, int port,
      SortedMap<Integer, Integer> replicasByCount, Set<Unit> active, Set<Unit> standby,
      boolean leader) {
    this(generation, host, port, replicasByCount, active, standby, leader, Map.of());
  }

  /**
   * @param unit a unit
   * @return the changelog offsets this worker's copy of it reached (0 without a copy)
   */
  public long offsetOf(Unit unit) {
    return offsets.getOrDefault(unit, 0L);
  }

  /**
   * @return what a member without readable user data (an older or foreign client) is taken to
   *     say: nothing held, no tables
   */
  public static MemberInfo unknown() {
    return new MemberInfo(-1, "", 0, new TreeMap<>(), Set.of(), Set.of(), false);
  }

  /**
   * @param host web host
   * @param port web port
   * @param replicasByCount table partition counts and their standby replicas
   * @return the info of a worker that held nothing yet
   */
  public static MemberInfo fresh(String host, int port, Map<Integer, Integer> replicasByCount) {
    return new MemberInfo(-1, host, port, new TreeMap<>(replicasByCount), Set.of(), Set.of(), false);
  }
}
