package dev.mephisto.core.internal.assign;

import dev.mephisto.ConfigurationException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mephisto's assignor for the classic group protocol with cooperative (incremental) rebalances:
 * co-partitioned units, sticky, standby copies away from the active one, one leader, and the
 * whole map in every member's assignment. What stays with its worker is never revoked; what moves
 * is first taken from its holder and given to its new holder in the follow-up rebalance that the
 * holder asks for (see {@link AssignmentPlanner#cooperative}). The algorithm is {@link
 * AssignmentPlanner}; this class does the wire work.
 *
 * <p>Kafka creates it by class name; it finds its worker's {@link ClusterState} under {@link
 * ClusterState#CONFIG} in the consumer's configs.
 */
public final class MephistoAssignor implements ConsumerPartitionAssignor, Configurable {
  /** The protocol name members agree on. */
  public static final String NAME = "mephisto";
  private static final Logger log = LoggerFactory.getLogger(MephistoAssignor.class);

  private ClusterState state;

  /** Kafka's constructor; {@link #configure} follows. */
  public MephistoAssignor() {}

  @Override
  public void configure(Map<String, ?> configs) {
    Object s = configs.get(ClusterState.CONFIG);
    if (!(s instanceof ClusterState cs)) {
      throw new ConfigurationException("Consumer config '" + ClusterState.CONFIG + "' was '" + s
          + "' but it should be the worker's ClusterState; the Mephisto assignor only works in "
          + "consumers made by the Mephisto runtime");
    }
    this.state = cs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<RebalanceProtocol> supportedProtocols() {
    return List.of(RebalanceProtocol.COOPERATIVE);
  }

  @Override
  public ByteBuffer subscriptionUserData(Set<String> topics) {
    state.joining();
    return AssignmentCodec.encode(state.localInfo());
  }

  @Override
  public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
    List<AssignmentPlanner.Member> members = new ArrayList<>();
    Map<String, WorkerEndpoint> endpoints = new HashMap<>();
    Set<String> topics = new TreeSet<>();
    group.groupSubscription().forEach((id, sub) -> {
      MemberInfo info = AssignmentCodec.decodeInfo(sub.userData()).orElseGet(() -> {
        log.warn("Member '{}' sent no readable Mephisto subscription data; it is assigned as a "
            + "new worker (is it running another Mephisto version?)", id);
        return MemberInfo.unknown();
      });
      members.add(new AssignmentPlanner.Member(id, Set.copyOf(sub.topics()), info,
          Set.copyOf(sub.ownedPartitions())));
      // a static member is known by its group.instance.id: when it restarts within the session
      // timeout the broker hands it this very assignment under a new member id
      endpoints.put(id, new WorkerEndpoint(sub.groupInstanceId().orElse(id), info.host(),
          info.port()));
      topics.addAll(sub.topics());
    });
    Map<String, Integer> counts = new HashMap<>();
    for (String t : topics) {
      Integer n = metadata.partitionCountForTopic(t);
      if (n != null) {
        counts.put(t, n);
      }
    }
    AssignmentPlanner.Plan target = AssignmentPlanner.plan(members, counts, state.leaderTopic());
    AssignmentPlanner.Plan plan =
        AssignmentPlanner.cooperative(target, members, counts, state.leaderTopic(),
            state.warmup());
    byte[] data = AssignmentCodec.encode(plan, endpoints);
    Map<String, Assignment> out = new HashMap<>();
    for (String id : plan.members()) {
      out.put(id, new Assignment(plan.partitions().get(id), ByteBuffer.wrap(data)));
      log.debug("Member '{}': active {} standby {} partitions {}", id, plan.activeOf(id),
          plan.standbyOf(id), plan.partitions().get(id));
    }
    if (!plan.warmups().isEmpty() || plan.probe()) {
      log.info("Warm-ups: {} (unit -> member warming it up); those units stay with their holders "
          + "until the copies are within the acceptable recovery lag; probing rebalances follow",
          plan.warmups());
    }
    if (plan.moving().isEmpty()) {
      log.info("Assigned {} unit(s) to {} worker(s); leader '{}'", plan.owners().size(),
          plan.members().size(), plan.leader());
    } else {
      log.info("Assigned {} unit(s) to {} worker(s); leader '{}'; {} unit(s) move: their holders "
          + "release them now, their new holders get them in the follow-up rebalance {}",
          plan.owners().size(), plan.members().size(), plan.leader(), plan.moving().size(),
          plan.moving());
    }
    return new GroupAssignment(out);
  }

  @Override
  public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
    String self = metadata.groupInstanceId().orElse(metadata.memberId());
    ClusterView view = AssignmentCodec.decodeView(assignment.userData(), self,
        metadata.generationId()).orElse(null);
    if (view == null) {
      log.warn("Assignment of generation {} had no readable Mephisto data; this worker holds no "
          + "table partitions until the next rebalance", metadata.generationId());
      view = new ClusterView(metadata.generationId(), self, List.of(), Map.of(),
          Map.of(), -1);
    }
    state.assigned(view);
  }
}
