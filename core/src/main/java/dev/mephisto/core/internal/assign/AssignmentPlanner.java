package dev.mephisto.core.internal.assign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * The assignment algorithm, free of Kafka's client plumbing so it can be tested on its own.
 *
 * <p>Topics and tables with the same partition count form a co-partitioned group; unit {@code
 * (n, p)} is partition {@code p} of every member of the group with {@code n} partitions, and one
 * worker holds it whole. Within each group every worker gets {@code n / workers} units, some one
 * more, the extra ones going to the workers with the fewest units so far (so totals stay
 * balanced too). A unit stays with its previous holder while that holder is under its quota;
 * otherwise it goes to a worker that kept a standby copy of it (no full restore), then to the
 * least loaded. Standby copies go to other workers than the active one, preferring those that
 * already hold a copy. The one-partition leader topic goes to the previous leader, else to the
 * least loaded worker. Everything is deterministic: the same input gives the same plan.
 *
 * <p>{@link #plan} gives where everything should be; {@link #cooperative} turns it into one round
 * of the cooperative protocol, in which what moves is first only taken from its holder.
 */
public final class AssignmentPlanner {
  private AssignmentPlanner() {}

  /**
   * A member of the group.
   *
   * @param id member id
   * @param topics topics it subscribes to
   * @param info what it said when it joined
   */
  public record Member(String id, Set<String> topics, MemberInfo info, Set<TopicPartition> owned) {
    /** Copies the sets. */
    public Member {
      topics = Set.copyOf(topics);
      owned = Set.copyOf(owned);
    }

    /**
     * A member that owns no topic partitions (eager protocol, or a new member).
     *
     * @param id member id
     * @param topics topics it subscribes to
     * @param info what it said when it joined
     */
    public Member(String id, Set<String> topics, MemberInfo info) {
      this(id, topics, info, Set.of());
    }
  }

  /**
   * The result.
   *
   * @param members member ids, sorted
   * @param owners active holder of each unit
   * @param standbys standby holders of each unit, best first
   * @param leader the leader's id, or null with no members
   * @param partitions topic partitions per member
   * @param moving units on their way between two workers (cooperative protocol): their previous
   *     holder lets go of them in this round and nobody holds them actively until the follow-up
   *     rebalance; not in {@code owners}, their partitions in nobody's {@code partitions}
   * @param warmups stateful units that stay with their holder until the member named here, which
   *     is to take them over, has a copy within the acceptable recovery lag (KIP-441 warm-ups)
   * @param probe whether the group should rebalance again after the probing interval, to see
   *     whether the warm-ups caught up
   */
  public record Plan(
      List<String> members,
      Map<Unit, String> owners,
      Map<Unit, List<String>> standbys,
      String leader,
      Map<String, List<TopicPartition>> partitions,
      Set<Unit> moving,
      Map<Unit, String> warmups,
      boolean probe) {

    /** A plan without moves or warm-ups. */
    public Plan(List<String> members, Map<Unit, String> owners, Map<Unit, List<String>> standbys,
        String leader, Map<String, List<TopicPartition>> partitions) {
      this(members, owners, standbys, leader, partitions, Set.of(), Map.of(), false);
    }

    /**
     * @param member a member id
     * @return the units it holds actively
     */
    public Set<Unit> activeOf(String member) {
      Set<Unit> s = new TreeSet<>();
      owners.forEach((u, m) -> {
        if (m.equals(member)) {
          s.add(u);
        }
      });
      return s;
    }

    /**
     * @param member a member id
     * @return the units it holds as standby
     */
    public Set<Unit> standbyOf(String member) {
      Set<Unit> s = new TreeSet<>();
      standbys.forEach((u, l) -> {
        if (l.contains(member)) {
          s.add(u);
        }
      });
      return s;
    }
  }

  /**
   * @param members the group's members
   * @param topicPartitions partition count of every subscribed topic known to the cluster
   * @param leaderTopic the one-partition topic whose holder leads
   * @return the plan
   */
  public static Plan plan(
      List<Member> members, Map<String, Integer> topicPartitions, String leaderTopic) {
    List<Member> ms = new ArrayList<>(members);
    ms.sort(Comparator.comparing(Member::id));
    if (ms.isEmpty()) {
      return new Plan(List.of(), Map.of(), Map.of(), null, Map.of());
    }
    Map<String, Member> byId = new LinkedHashMap<>();
    ms.forEach(m -> byId.put(m.id(), m));

    Map<Unit, String> prevOwner = previousOwners(ms);
    Map<Unit, Set<String>> prevStandby = new HashMap<>();
    String prevLeader = null;
    int leaderGeneration = Integer.MIN_VALUE;
    for (Member m : ms) {
      int gen = m.info().generation();
      for (Unit u : m.info().standby()) {
        prevStandby.computeIfAbsent(u, k -> new HashSet<>()).add(m.id());
      }
      if (m.info().leader() && gen > leaderGeneration) {
        prevLeader = m.id();
        leaderGeneration = gen;
      }
    }

    SortedSet<Integer> counts = new TreeSet<>();
    topicPartitions.forEach((t, n) -> {
      if (!t.equals(leaderTopic) && n != null && n > 0) {
        counts.add(n);
      }
    });
    Map<Integer, Integer> replicas = new TreeMap<>();
    for (Member m : ms) {
      m.info().replicasByCount().forEach((n, r) -> {
        if (n > 0) {
          counts.add(n);
          replicas.merge(n, r, Math::max);
        }
      });
    }

    Map<String, Integer> total = new HashMap<>();
    ms.forEach(m -> total.put(m.id(), 0));
    Map<Unit, String> owners = new TreeMap<>();
    for (int n : counts) {
      assignGroup(n, ms, prevOwner, prevStandby, total, owners);
    }

    Map<Unit, List<String>> standbys = new TreeMap<>();
    Map<String, Integer> standbyCount = new HashMap<>();
    ms.forEach(m -> standbyCount.put(m.id(), 0));
    for (int n : counts) {
      int r = Math.min(replicas.getOrDefault(n, 0), ms.size() - 1);
      for (int p = 0; r > 0 && p < n; p++) {
        Unit u = new Unit(n, p);
        String active = owners.get(u);
        Set<String> wasStandby = prevStandby.getOrDefault(u, Set.of());
        String wasActive = prevOwner.get(u);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < r; i++) {
          Member best = ms.stream()
              .filter(m -> !m.id().equals(active) && !chosen.contains(m.id()))
              .min(Comparator.<Member>comparingInt(m -> wasStandby.contains(m.id()) ? 0 : 1)
                  .thenComparingInt(m -> m.id().equals(wasActive) ? 0 : 1)
                  .thenComparingInt(m -> standbyCount.get(m.id()))
                  .thenComparing(Member::id))
              .orElseThrow();
          chosen.add(best.id());
          standbyCount.merge(best.id(), 1, Integer::sum);
        }
        standbys.put(u, List.copyOf(chosen));
      }
    }

    String leader = prevLeader != null && byId.containsKey(prevLeader) ? prevLeader
        : ms.stream().min(Comparator.<Member>comparingInt(m -> total.get(m.id()))
            .thenComparing(Member::id)).orElseThrow().id();

    Map<String, List<TopicPartition>> partitions = new TreeMap<>();
    ms.forEach(m -> partitions.put(m.id(), new ArrayList<>()));
    for (String topic : new TreeSet<>(topicPartitions.keySet())) {
      Integer n = topicPartitions.get(topic);
      List<Member> subscribers = ms.stream().filter(m -> m.topics().contains(topic)).toList();
      if (n == null || n < 1 || subscribers.isEmpty()) {
        continue;
      }
      for (int p = 0; p < n; p++) {
        String want = topic.equals(leaderTopic) ? leader : owners.get(new Unit(n, p));
        String to = want != null && byId.get(want).topics().contains(topic) ? want
            : subscribers.stream().min(Comparator.<Member>comparingInt(
                m -> partitions.get(m.id()).size()).thenComparing(Member::id)).orElseThrow().id();
        partitions.get(to).add(new TopicPartition(topic, p));
      }
    }
    return new Plan(ms.stream().map(Member::id).toList(), owners, standbys, leader, partitions);
  }

  /** Each unit's previous active holder; of two claims (a member that missed a rebalance) the
   * newer generation wins. */
  private static Map<Unit, String> previousOwners(List<Member> ms) {
    Map<Unit, String> prevOwner = new HashMap<>();
    Map<Unit, Integer> prevGeneration = new HashMap<>();
    for (Member m : ms) {
      int gen = m.info().generation();
      for (Unit u : m.info().active()) {
        if (!prevGeneration.containsKey(u) || gen > prevGeneration.get(u)) {
          prevOwner.put(u, m.id());
          prevGeneration.put(u, gen);
        }
      }
    }
    return prevOwner;
  }

  /**
   * The first step towards {@code target} under the cooperative protocol: what stays where it is
   * is assigned as planned (its holder is not even told), while a unit or topic partition that a
   * live member holds now and {@code target} gives to another member is only taken from its holder
   * in this round. The holder commits and closes it, sees that it lost something and joins again
   * at once; in that follow-up rebalance nobody holds it any more and its new holder gets it.
   * So no partition ever has two holders, and nothing that stays is ever revoked.
   *
   * @param target the plan from {@link #plan}
   * @param members the group's members, with what they own now
   * @param topicPartitions partition count of every subscribed topic
   * @param leaderTopic the one-partition topic whose holder leads
   * @return the plan for this round: {@code target} without what is on its way
   */
  public static Plan cooperative(Plan target, List<Member> members,
      Map<String, Integer> topicPartitions, String leaderTopic) {
    return cooperative(target, members, topicPartitions, leaderTopic, Warmup.NONE);
  }

  /**
   * When stateful units may move (KIP-441): a stateful unit moves to its planned holder only if
   * that member's copy is within {@code acceptableRecoveryLag} records of the changelog's end;
   * otherwise it stays active where it is while the planned holder warms up a copy (at most
   * {@code maxWarmupReplicas} at a time over the group), and the group rebalances again after
   * the probing interval to look again.
   *
   * @param acceptableRecoveryLag changelog records a copy may be behind and still take over
   * @param maxWarmupReplicas warm-up copies the group builds at once
   */
  public record Warmup(long acceptableRecoveryLag, int maxWarmupReplicas) {
    /** Every stateful unit moves at once (restoring on its new holder). */
    public static final Warmup NONE = new Warmup(Long.MAX_VALUE, 0);
  }

  /**
   * As {@link #cooperative(Plan, List, Map, String)}, keeping stateful units with their holder
   * until the planned holder's copy has caught up.
   *
   * @param target the plan from {@link #plan}
   * @param members the group's members, with what they own now and their copies' offsets
   * @param topicPartitions partition count of every subscribed topic
   * @param leaderTopic the one-partition topic whose holder leads
   * @param warmup when a stateful unit may move
   * @return the plan for this round
   */
  public static Plan cooperative(Plan target, List<Member> members,
      Map<String, Integer> topicPartitions, String leaderTopic, Warmup warmup) {
    Map<String, Member> live = new HashMap<>();
    members.forEach(m -> live.put(m.id(), m));
    Map<Unit, String> prevOwner = previousOwners(members);
    Set<Integer> stateful = new HashSet<>();
    members.forEach(m -> stateful.addAll(m.info().replicasByCount().keySet()));
    Set<Unit> moving = new TreeSet<>();
    Map<Unit, String> stays = new TreeMap<>(); // stateful units kept with their holder
    Map<Unit, String> warmups = new TreeMap<>();
    target.owners().forEach((u, to) -> {
      String from = prevOwner.get(u);
      if (from == null || !live.containsKey(from) || from.equals(to)) {
        return;
      }
      // the holder's copy stands for the changelog's end; a member without a copy is behind by all
      long lag = live.get(from).info().offsetOf(u) - live.get(to).info().offsetOf(u);
      if (stateful.contains(u.partitions()) && lag > warmup.acceptableRecoveryLag()) {
        stays.put(u, from);
        if (warmups.size() < warmup.maxWarmupReplicas()) {
          warmups.put(u, to);
        }
      } else {
        moving.add(u);
      }
    });
    Map<TopicPartition, String> ownedBy = new HashMap<>();
    for (Member m : members) {
      m.owned().forEach(tp -> ownedBy.putIfAbsent(tp, m.id()));
    }
    Map<String, List<TopicPartition>> partitions = new TreeMap<>();
    target.partitions().keySet().forEach(id -> partitions.put(id, new ArrayList<>()));
    target.partitions().forEach((id, tps) -> {
      for (TopicPartition tp : tps) {
        Integer n = topicPartitions.get(tp.topic());
        Unit u = !tp.topic().equals(leaderTopic) && n != null && tp.partition() < n
            ? new Unit(n, tp.partition()) : null;
        if (u != null && stays.containsKey(u)) {
          String holder = stays.get(u);
          if (live.get(holder).topics().contains(tp.topic())) {
            partitions.get(holder).add(tp); // not moving yet: its holder keeps it
          }
          continue;
        }
        String holder = ownedBy.get(tp);
        boolean heldElsewhere = holder != null && !holder.equals(id);
        if (!heldElsewhere && (u == null || !moving.contains(u))) {
          partitions.get(id).add(tp);
        }
      }
    });
    partitions.values().forEach(l -> l.sort(java.util.Comparator.comparing(TopicPartition::topic)
        .thenComparingInt(TopicPartition::partition)));
    if (moving.isEmpty() && stays.isEmpty() && partitions.equals(target.partitions())) {
      return target;
    }
    Map<Unit, String> owners = new TreeMap<>(target.owners());
    moving.forEach(owners::remove);
    owners.putAll(stays);
    Map<Unit, List<String>> standbys = new TreeMap<>();
    target.standbys().forEach((u, l) -> {
      String active = owners.get(u);
      standbys.put(u, l.stream().filter(m -> !m.equals(active) && !m.equals(warmups.get(u)))
          .toList());
    });
    return new Plan(target.members(), owners, standbys, target.leader(), partitions,
        Set.copyOf(moving), warmups, !stays.isEmpty());
  }

  private static void assignGroup(int n, List<Member> ms, Map<Unit, String> prevOwner,
      Map<Unit, Set<String>> prevStandby, Map<String, Integer> total, Map<Unit, String> owners) {
    int base = n / ms.size();
    int extra = n % ms.size();
    Set<String> live = new HashSet<>();
    ms.forEach(m -> live.add(m.id()));
    // who holds data of this group: previous owners, and standbys of units whose owner is gone
    Map<String, Integer> previously = new HashMap<>();
    for (int p = 0; p < n; p++) {
      Unit u = new Unit(n, p);
      String o = prevOwner.get(u);
      if (o != null && live.contains(o)) {
        previously.merge(o, 1, Integer::sum);
      } else {
        prevStandby.getOrDefault(u, Set.of()).forEach(s -> previously.merge(s, 1, Integer::sum));
      }
    }
    List<Member> order = new ArrayList<>(ms);
    order.sort(Comparator.<Member>comparingInt(m -> total.get(m.id()))
        .thenComparingInt(m -> -previously.getOrDefault(m.id(), 0))
        .thenComparing(Member::id));
    Map<String, Integer> quota = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      quota.put(order.get(i).id(), base + (i < extra ? 1 : 0));
    }
    Map<String, Integer> taken = new HashMap<>();
    ms.forEach(m -> taken.put(m.id(), 0));
    List<Unit> open = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      Unit u = new Unit(n, p);
      String o = prevOwner.get(u);
      if (o != null && quota.containsKey(o) && taken.get(o) < quota.get(o)) {
        owners.put(u, o);
        taken.merge(o, 1, Integer::sum);
      } else {
        open.add(u);
      }
    }
    for (Unit u : open) {
      Set<String> warm = prevStandby.getOrDefault(u, Set.of());
      Member best = ms.stream().filter(m -> taken.get(m.id()) < quota.get(m.id()))
          .min(Comparator.<Member>comparingInt(m -> warm.contains(m.id()) ? 0 : 1)
              .thenComparingInt(m -> taken.get(m.id()))
              .thenComparingInt(m -> total.get(m.id()))
              .thenComparing(Member::id))
          .orElseThrow();
      owners.put(u, best.id());
      taken.merge(best.id(), 1, Integer::sum);
    }
    taken.forEach((m, k) -> total.merge(m, k, Integer::sum));
  }
}
