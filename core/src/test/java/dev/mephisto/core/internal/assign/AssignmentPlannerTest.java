package dev.mephisto.core.internal.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AssignmentPlannerTest {
  private static final String LEADER = "app-__leader";
  private static final Map<String, Integer> TOPICS =
      Map.of("orders", 8, "orders-repartition", 8, "clicks", 4, LEADER, 1);
  private static final Set<String> SUBSCRIBED = TOPICS.keySet();

  private static AssignmentPlanner.Member fresh(String id) {
    return new AssignmentPlanner.Member(id, SUBSCRIBED, MemberInfo.fresh("127.0.0.1", 6066,
        Map.of(8, 1, 4, 1)));
  }

  /** What a member says at the next rebalance after {@code plan}. */
  private static AssignmentPlanner.Member after(AssignmentPlanner.Plan plan, String id, int gen) {
    return new AssignmentPlanner.Member(id, SUBSCRIBED, new MemberInfo(gen, "127.0.0.1", 6066,
        new TreeMap<>(Map.of(8, 1, 4, 1)), plan.activeOf(id), plan.standbyOf(id),
        id.equals(plan.leader())));
  }

  /** What a member says at the next rebalance after {@code plan}, owned partitions included. */
  private static AssignmentPlanner.Member owning(AssignmentPlanner.Plan plan, String id, int gen) {
    AssignmentPlanner.Member m = after(plan, id, gen);
    return new AssignmentPlanner.Member(id, SUBSCRIBED, m.info(),
        Set.copyOf(plan.partitions().get(id)));
  }

  /** One round of the cooperative protocol. */
  private static AssignmentPlanner.Plan round(List<AssignmentPlanner.Member> members) {
    return AssignmentPlanner.cooperative(plan(members), members, TOPICS, LEADER);
  }

  private static void assertKeepsEverythingItOwnsThatStays(AssignmentPlanner.Member m,
      AssignmentPlanner.Plan target, AssignmentPlanner.Plan round) {
    for (TopicPartition tp : m.owned()) {
      if (target.partitions().get(m.id()).contains(tp)) {
        assertTrue(round.partitions().get(m.id()).contains(tp),
            () -> tp + " stays with " + m.id() + " but was revoked");
      }
    }
  }

  private static AssignmentPlanner.Plan plan(List<AssignmentPlanner.Member> members) {
    return AssignmentPlanner.plan(members, TOPICS, LEADER);
  }

  private static Map<TopicPartition, String> owners(AssignmentPlanner.Plan plan) {
    Map<TopicPartition, String> m = new HashMap<>();
    plan.partitions().forEach((id, tps) -> tps.forEach(tp -> {
      String before = m.put(tp, id);
      assertEquals(null, before, () -> tp + " assigned twice");
    }));
    return m;
  }

  @Test
  void coPartitionedTopicsKeepTheirPartitionNumbersOnOneWorker() {
    AssignmentPlanner.Plan plan = plan(List.of(fresh("a"), fresh("b"), fresh("c")));
    Map<TopicPartition, String> owner = owners(plan);
    assertEquals(8 + 8 + 4 + 1, owner.size(), "every partition assigned once");
    for (int p = 0; p < 8; p++) {
      assertEquals(owner.get(new TopicPartition("orders", p)),
          owner.get(new TopicPartition("orders-repartition", p)), "partition " + p);
      assertEquals(plan.owners().get(new Unit(8, p)), owner.get(new TopicPartition("orders", p)));
    }
    for (int p = 0; p < 4; p++) {
      assertEquals(plan.owners().get(new Unit(4, p)), owner.get(new TopicPartition("clicks", p)));
    }
  }

  @Test
  void everyGroupIsBalancedAndTotalsDifferByAtMostOne() {
    List<AssignmentPlanner.Member> members = List.of(fresh("a"), fresh("b"), fresh("c"));
    AssignmentPlanner.Plan plan = plan(members);
    Map<String, Integer> total = new HashMap<>();
    for (int n : List.of(8, 4)) {
      Map<String, Integer> inGroup = new HashMap<>();
      plan.owners().forEach((u, m) -> {
        if (u.partitions() == n) {
          inGroup.merge(m, 1, Integer::sum);
        }
      });
      for (AssignmentPlanner.Member m : members) {
        int k = inGroup.getOrDefault(m.id(), 0);
        assertTrue(k == n / 3 || k == n / 3 + 1, () -> m.id() + " holds " + k + " of " + n);
        total.merge(m.id(), k, Integer::sum);
      }
    }
    int max = total.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    int min = total.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
    assertTrue(max - min <= 1, () -> "totals " + total);
  }

  @Test
  void theSameInputGivesTheSamePlanAndAStablePlanDoesNotMove() {
    AssignmentPlanner.Plan first = plan(List.of(fresh("a"), fresh("b")));
    assertEquals(first, plan(List.of(fresh("b"), fresh("a"))), "member order does not matter");
    AssignmentPlanner.Plan second = plan(List.of(after(first, "a", 1), after(first, "b", 1)));
    assertEquals(first.owners(), second.owners());
    assertEquals(first.standbys(), second.standbys());
    assertEquals(first.leader(), second.leader());
  }

  @Test
  void aJoiningWorkerTakesOnlyItsShareAndOthersKeepTheRest() {
    AssignmentPlanner.Plan two = plan(List.of(fresh("a"), fresh("b")));
    AssignmentPlanner.Plan three =
        plan(List.of(after(two, "a", 1), after(two, "b", 1), fresh("c")));
    int moved = 0;
    for (var e : two.owners().entrySet()) {
      String now = three.owners().get(e.getKey());
      if (!now.equals(e.getValue())) {
        moved++;
        assertEquals("c", now, () -> e.getKey() + " moved between old workers");
      }
    }
    int share = three.activeOf("c").size();
    assertEquals(share, moved, "only the new worker's share moves");
    assertTrue(share >= 3 && share <= 5, "c gets about a third of 12 units: " + share);
    assertEquals(two.leader(), three.leader(), "the leader stays");
  }

  @Test
  void standbysNeverSitWithTheirActiveCopy() {
    AssignmentPlanner.Plan plan = plan(List.of(fresh("a"), fresh("b"), fresh("c")));
    assertEquals(12, plan.standbys().size());
    plan.standbys().forEach((u, list) -> {
      assertEquals(1, list.size(), () -> "one standby of " + u);
      assertFalse(list.contains(plan.owners().get(u)), () -> "standby of " + u + " on its active");
    });
    Map<String, Integer> perWorker = new HashMap<>();
    plan.standbys().values().forEach(l -> l.forEach(m -> perWorker.merge(m, 1, Integer::sum)));
    assertEquals(Set.of("a", "b", "c"), perWorker.keySet(), "standbys spread over workers");
  }

  @Test
  void replicasAreCappedByTheOtherWorkersAndZeroWithOneWorker() {
    AssignmentPlanner.Member wantsThree = new AssignmentPlanner.Member("a", SUBSCRIBED,
        MemberInfo.fresh("h", 1, Map.of(8, 3)));
    AssignmentPlanner.Plan alone = AssignmentPlanner.plan(List.of(wantsThree), TOPICS, LEADER);
    assertTrue(alone.standbys().isEmpty(), "no standby without another worker");
    AssignmentPlanner.Member b = new AssignmentPlanner.Member("b", SUBSCRIBED,
        MemberInfo.fresh("h", 2, Map.of(8, 3)));
    AssignmentPlanner.Plan pair = AssignmentPlanner.plan(List.of(wantsThree, b), TOPICS, LEADER);
    pair.standbys().forEach((u, l) -> assertEquals(1, l.size(), () -> u + ": " + l));
    assertTrue(pair.standbys().keySet().stream().allMatch(u -> u.partitions() == 8),
        "only table partition counts get standbys");
  }

  @Test
  void aFailedWorkersUnitsGoToTheirStandbys() {
    AssignmentPlanner.Plan three = plan(List.of(fresh("a"), fresh("b"), fresh("c")));
    AssignmentPlanner.Plan two = plan(List.of(after(three, "a", 1), after(three, "b", 1)));
    for (Unit u : three.activeOf("c")) {
      String standby = three.standbys().get(u).get(0);
      long standbyHolds = two.activeOf(standby).stream()
          .filter(x -> x.partitions() == u.partitions()).count();
      // balance first: a standby already at its share of the group cannot take more
      assertTrue(standby.equals(two.owners().get(u)) || standbyHolds == (u.partitions() + 1) / 2,
          () -> u + " should go to its warm standby " + standby + " unless it is full");
    }
    for (Unit u : three.activeOf("a")) {
      assertEquals("a", two.owners().get(u), () -> u + " should stay on a");
    }
  }

  @Test
  void exactlyOneWorkerGetsTheLeaderTopicAndItStays() {
    AssignmentPlanner.Plan plan = plan(List.of(fresh("a"), fresh("b"), fresh("c")));
    List<String> holders = new ArrayList<>();
    plan.partitions().forEach((m, tps) -> {
      if (tps.contains(new TopicPartition(LEADER, 0))) {
        holders.add(m);
      }
    });
    assertEquals(List.of(plan.leader()), holders);
    String leader = plan.leader();
    List<AssignmentPlanner.Member> again = new ArrayList<>();
    for (String m : List.of("a", "b", "c")) {
      again.add(after(plan, m, 1));
    }
    again.add(fresh("0-first-by-id"));
    assertEquals(leader, plan(again).leader());
  }

  @Test
  void tableOnlyPartitionCountsGetUnitsWithoutTopics() {
    AssignmentPlanner.Member a = new AssignmentPlanner.Member("a", Set.of(LEADER),
        MemberInfo.fresh("h", 1, Map.of(3, 1)));
    AssignmentPlanner.Member b = new AssignmentPlanner.Member("b", Set.of(LEADER),
        MemberInfo.fresh("h", 2, Map.of(3, 1)));
    AssignmentPlanner.Plan plan = AssignmentPlanner.plan(List.of(a, b), Map.of(LEADER, 1), LEADER);
    assertEquals(3, plan.owners().size());
    assertEquals(3, plan.standbys().size());
  }

  @Test
  void aNewerGenerationWinsTwoClaimsOfOneUnit() {
    Unit u = new Unit(4, 0);
    AssignmentPlanner.Member stale = new AssignmentPlanner.Member("a", SUBSCRIBED, new MemberInfo(
        3, "h", 1, new TreeMap<>(Map.of(4, 0)), Set.of(u), Set.of(), false));
    AssignmentPlanner.Member current = new AssignmentPlanner.Member("b", SUBSCRIBED, new MemberInfo(
        5, "h", 2, new TreeMap<>(Map.of(4, 0)), Set.of(u), Set.of(), false));
    AssignmentPlanner.Plan plan = AssignmentPlanner.plan(List.of(stale, current), TOPICS, LEADER);
    assertEquals("b", plan.owners().get(u));
  }

  @Test
  void aMemberNotSubscribedToATopicGetsNoneOfItsPartitions() {
    AssignmentPlanner.Member a = new AssignmentPlanner.Member("a", Set.of("orders", LEADER),
        MemberInfo.fresh("h", 1, Map.of()));
    AssignmentPlanner.Member b = new AssignmentPlanner.Member("b", Set.of("orders", "clicks", LEADER),
        MemberInfo.fresh("h", 2, Map.of()));
    AssignmentPlanner.Plan plan = AssignmentPlanner.plan(List.of(a, b),
        Map.of("orders", 8, "clicks", 4, LEADER, 1), LEADER);
    assertTrue(plan.partitions().get("a").stream().noneMatch(tp -> tp.topic().equals("clicks")));
    assertEquals(4, plan.partitions().get("b").stream().filter(tp -> tp.topic().equals("clicks"))
        .count());
  }

  @Test
  void assignmentDataRoundTripsAndEveryWorkerLearnsTheWholeMap() {
    AssignmentPlanner.Plan plan = plan(List.of(fresh("a"), fresh("b")));
    Map<String, WorkerEndpoint> endpoints = Map.of(
        "a", new WorkerEndpoint("a", "10.0.0.1", 6066), "b", new WorkerEndpoint("b", "10.0.0.2", 6067));
    byte[] data = AssignmentCodec.encode(plan, endpoints);
    ClusterView seenByB = AssignmentCodec.decodeView(java.nio.ByteBuffer.wrap(data), "b", 7)
        .orElseThrow();
    assertEquals(plan.activeOf("b"), seenByB.activeUnits());
    assertEquals(plan.standbyOf("b"), seenByB.standbyRanks().keySet());
    assertEquals(7, seenByB.generation());
    for (Unit u : plan.activeOf("a")) {
      assertEquals("10.0.0.1:6066", seenByB.owner(u).orElseThrow().address());
    }
    assertEquals("b".equals(plan.leader()), seenByB.isLeader());

    MemberInfo info = new MemberInfo(7, "10.0.0.2", 6067, new TreeMap<>(Map.of(8, 2)),
        seenByB.activeUnits(), seenByB.standbyRanks().keySet(), seenByB.isLeader());
    assertEquals(info, AssignmentCodec.decodeInfo(AssignmentCodec.encode(info)).orElseThrow());
  }

  @Test
  void unreadableUserDataDecodesToNothing() {
    assertTrue(AssignmentCodec.decodeInfo(null).isEmpty());
    assertTrue(AssignmentCodec.decodeInfo(java.nio.ByteBuffer.wrap(new byte[] {9, 1, 2})).isEmpty());
    assertTrue(AssignmentCodec.decodeInfo(java.nio.ByteBuffer.wrap(new byte[] {1, 0, 0})).isEmpty());
    assertTrue(AssignmentCodec.decodeView(java.nio.ByteBuffer.wrap(new byte[] {1, 0x7f, 0, 0, 0}),
        "a", 1).isEmpty());
    assertNotNull(MemberInfo.unknown());
  }

  @Test
  void manyWorkersAndRebalancesKeepEveryUnitOnceAndStandbysApart() {
    List<String> ids = new ArrayList<>(List.of("w1", "w2", "w3", "w4", "w5"));
    AssignmentPlanner.Plan plan = plan(ids.stream().map(AssignmentPlannerTest::fresh).toList());
    for (int round = 0; round < 6; round++) {
      if (round % 2 == 0) {
        ids.remove(0);
      } else {
        ids.add("x" + round);
      }
      AssignmentPlanner.Plan prev = plan;
      int gen = round + 1;
      List<AssignmentPlanner.Member> members = new ArrayList<>();
      for (String id : ids) {
        members.add(prev.members().contains(id) ? after(prev, id, gen) : fresh(id));
      }
      plan = plan(members);
      assertEquals(12, plan.owners().size());
      Set<String> live = new HashSet<>(ids);
      AssignmentPlanner.Plan p = plan;
      p.owners().forEach((u, m) -> {
        assertTrue(live.contains(m));
        assertFalse(p.standbys().getOrDefault(u, List.of()).contains(m));
      });
    }
  }

  @Test
  void aStableGroupGetsItsPlanUnchangedUnderTheCooperativeProtocol() {
    AssignmentPlanner.Plan first = round(List.of(fresh("a"), fresh("b")));
    assertEquals(Set.of(), first.moving(), "nothing is held yet, nothing moves");
    List<AssignmentPlanner.Member> again = List.of(owning(first, "a", 1), owning(first, "b", 1));
    AssignmentPlanner.Plan second = round(again);
    assertEquals(first.partitions(), second.partitions());
    assertEquals(first.owners(), second.owners());
    assertEquals(Set.of(), second.moving());
  }

  @Test
  void aJoiningWorkerGetsOnlyWhatItsHoldersReleasedInTheFollowUpRebalance() {
    AssignmentPlanner.Plan two = round(List.of(fresh("a"), fresh("b")));
    List<AssignmentPlanner.Member> joined =
        List.of(owning(two, "a", 1), owning(two, "b", 1), fresh("c"));
    AssignmentPlanner.Plan target = plan(joined);
    AssignmentPlanner.Plan release = AssignmentPlanner.cooperative(target, joined, TOPICS, LEADER);

    // round 1: the old workers keep everything that stays and only lose what moves to c
    for (AssignmentPlanner.Member m : joined.subList(0, 2)) {
      assertKeepsEverythingItOwnsThatStays(m, target, release);
      assertTrue(m.owned().containsAll(release.partitions().get(m.id())),
          () -> m.id() + " is given nothing new while others release");
    }
    assertEquals(List.of(), release.partitions().get("c"), "c waits for the release");
    assertEquals(target.activeOf("c"), release.moving(), "exactly c's share is on its way");
    release.moving().forEach(u -> assertFalse(release.owners().containsKey(u),
        () -> u + " has no active holder while it moves"));
    Map<TopicPartition, String> owner = owners(release);
    for (Unit u : release.moving()) {
      assertFalse(owner.containsKey(new TopicPartition("orders", u.partition()))
          && u.partitions() == 8, () -> "partition of moving unit " + u + " assigned");
    }

    // round 2 (asked for by the workers that released): c gets them, nobody else loses anything
    List<AssignmentPlanner.Member> next =
        List.of(owning(release, "a", 2), owning(release, "b", 2), owning(release, "c", 2));
    AssignmentPlanner.Plan handOver = round(next);
    assertEquals(Set.of(), handOver.moving());
    assertEquals(target.owners(), handOver.owners(), "the follow-up reaches the target");
    for (AssignmentPlanner.Member m : next) {
      assertTrue(handOver.partitions().get(m.id()).containsAll(m.owned()),
          () -> m.id() + " lost a partition in the follow-up rebalance");
    }
    assertEquals(8 + 8 + 4 + 1, owners(handOver).size(), "every partition assigned again");
  }

  @Test
  void aLeavingWorkersPartitionsGoToTheOthersAtOnceAndNothingElseIsRevoked() {
    AssignmentPlanner.Plan three = round(List.of(fresh("a"), fresh("b"), fresh("c")));
    List<AssignmentPlanner.Member> left = List.of(owning(three, "a", 1), owning(three, "b", 1));
    AssignmentPlanner.Plan two = round(left);
    assertEquals(Set.of(), two.moving(), "a departed worker releases nothing");
    for (AssignmentPlanner.Member m : left) {
      assertTrue(two.partitions().get(m.id()).containsAll(m.owned()),
          () -> m.id() + " lost a partition when c left");
    }
    assertEquals(8 + 8 + 4 + 1, owners(two).size(), "c's partitions are reassigned in one round");
  }

  @Test
  void manyWorkersJoiningAndLeavingNeverRevokeAPartitionThatStays() {
    List<String> ids = new ArrayList<>(List.of("w1", "w2", "w3"));
    AssignmentPlanner.Plan plan = round(ids.stream().map(AssignmentPlannerTest::fresh).toList());
    int gen = 1;
    for (int step = 0; step < 8; step++) {
      if (step % 3 == 2) {
        ids.remove(0);
      } else {
        ids.add("x" + step);
      }
      // keep going until a round moves nothing (at most two rounds per change)
      for (int r = 0; r < 3; r++) {
        AssignmentPlanner.Plan prev = plan;
        int g = gen++;
        List<AssignmentPlanner.Member> members = new ArrayList<>();
        for (String id : ids) {
          members.add(prev.members().contains(id) ? owning(prev, id, g) : fresh(id));
        }
        AssignmentPlanner.Plan target = plan(members);
        plan = AssignmentPlanner.cooperative(target, members, TOPICS, LEADER);
        Map<TopicPartition, String> owner = owners(plan);
        for (AssignmentPlanner.Member m : members) {
          assertKeepsEverythingItOwnsThatStays(m, target, plan);
          for (TopicPartition tp : plan.partitions().get(m.id())) {
            String before = members.stream().filter(o -> o.owned().contains(tp))
                .map(AssignmentPlanner.Member::id).findFirst().orElse(m.id());
            assertEquals(m.id(), before, () -> tp + " given to " + m.id() + " while " + before
                + " still holds it");
          }
        }
        if (plan.moving().isEmpty()) {
          assertEquals(8 + 8 + 4 + 1, owner.size());
          break;
        }
        assertTrue(r < 2, "two rounds reach the target");
      }
    }
  }

  /** What a member says with its copies' changelog offsets. */
  private static AssignmentPlanner.Member withOffsets(AssignmentPlanner.Member m,
      Map<Unit, Long> offsets) {
    MemberInfo i = m.info();
    return new AssignmentPlanner.Member(m.id(), m.topics(), new MemberInfo(i.generation(), i.host(),
        i.port(), new TreeMap<>(i.replicasByCount()), i.active(), i.standby(), i.leader(), offsets),
        m.owned());
  }

  @Test
  void aStatefulUnitStaysWithItsHolderUntilTheNewHoldersWarmUpCopyCaughtUp() {
    AssignmentPlanner.Warmup warmup = new AssignmentPlanner.Warmup(100, 2);
    AssignmentPlanner.Plan two = round(List.of(fresh("a"), fresh("b")));
    Map<Unit, Long> ends = new HashMap<>(); // every unit's changelogs hold 1000 records
    two.owners().keySet().forEach(u -> ends.put(u, 1000L));
    List<AssignmentPlanner.Member> joined = List.of(withOffsets(owning(two, "a", 1), ends),
        withOffsets(owning(two, "b", 1), ends), fresh("c"));
    AssignmentPlanner.Plan target = plan(joined);
    AssignmentPlanner.Plan first =
        AssignmentPlanner.cooperative(target, joined, TOPICS, LEADER, warmup);
    for (AssignmentPlanner.Member m : joined.subList(0, 2)) {
      assertEquals(Set.copyOf(m.owned()), Set.copyOf(first.partitions().get(m.id())),
          () -> m.id() + " keeps everything while c has no copy");
    }
    assertEquals(List.of(), first.partitions().get("c"));
    assertEquals(Set.of(), first.moving());
    assertEquals(two.owners(), first.owners(), "every unit stays active where it was");
    assertEquals(2, first.warmups().size(), "at most maxWarmupReplicas warm-ups");
    first.warmups().forEach((u, m) -> {
      assertEquals("c", m);
      assertEquals("c", target.owners().get(u), () -> u + " is one c is to take over");
      assertFalse(first.standbys().get(u).contains(first.owners().get(u)));
    });
    assertTrue(first.probe(), "warm-ups under way: probe again");

    // the probing rebalance: c's copies are within the acceptable lag for the warmed-up units
    Map<Unit, Long> caughtUp = new HashMap<>(); // 40 records behind: within 100
    first.warmups().keySet().forEach(u -> caughtUp.put(u, 960L));
    List<AssignmentPlanner.Member> probe = List.of(withOffsets(owning(first, "a", 2), ends),
        withOffsets(owning(first, "b", 2), ends), withOffsets(owning(first, "c", 2), caughtUp));
    AssignmentPlanner.Plan second =
        AssignmentPlanner.cooperative(plan(probe), probe, TOPICS, LEADER, warmup);
    assertEquals(first.warmups().keySet(), second.moving(), "the caught-up units move now");
    for (AssignmentPlanner.Member m : probe.subList(0, 2)) {
      assertKeepsEverythingItOwnsThatStays(m, plan(probe), second);
    }
    second.warmups().keySet().forEach(u -> assertFalse(first.warmups().containsKey(u),
        () -> u + " was caught up"));
    assertTrue(second.probe(), "more of c's share is still warming up");
  }

  @Test
  void aUnitWhoseChangelogIsWithinTheAcceptableLagMovesAtOnce() {
    AssignmentPlanner.Warmup warmup = new AssignmentPlanner.Warmup(100, 2);
    AssignmentPlanner.Plan two = round(List.of(fresh("a"), fresh("b")));
    Map<Unit, Long> small = new HashMap<>();
    two.owners().keySet().forEach(u -> small.put(u, 80L));
    List<AssignmentPlanner.Member> joined = List.of(withOffsets(owning(two, "a", 1), small),
        withOffsets(owning(two, "b", 1), small), fresh("c"));
    AssignmentPlanner.Plan target = plan(joined);
    AssignmentPlanner.Plan first =
        AssignmentPlanner.cooperative(target, joined, TOPICS, LEADER, warmup);
    assertEquals(target.activeOf("c"), first.moving(), "a small table restores quickly: no warm-up");
    assertEquals(Map.of(), first.warmups());
    assertFalse(first.probe());
  }

  @Test
  void aFailedWorkersStatefulUnitsMoveAtOnceWithoutWaitingForWarmUps() {
    AssignmentPlanner.Warmup warmup = new AssignmentPlanner.Warmup(0, 1);
    AssignmentPlanner.Plan three = round(List.of(fresh("a"), fresh("b"), fresh("c")));
    List<AssignmentPlanner.Member> left = List.of(owning(three, "a", 1), owning(three, "b", 1));
    AssignmentPlanner.Plan two =
        AssignmentPlanner.cooperative(plan(left), left, TOPICS, LEADER, warmup);
    assertEquals(12, two.owners().size(), "c's units have new holders at once");
    assertEquals(Map.of(), two.warmups());
    assertFalse(two.probe());
  }
}
