package dev.mephisto.core.internal.assign;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClusterStateTest {
  @Test
  void aWorkerIsRebalancingFromItsJoinRequestUntilItsAssignment() {
    ClusterState state = new ClusterState("app-__leader", "127.0.0.1", 0);
    AtomicInteger hooks = new AtomicInteger();
    state.onJoin(hooks::incrementAndGet);
    assertFalse(state.rebalancing(), "before the first join");

    state.joining();
    assertTrue(state.rebalancing(), "joined, no assignment yet: periodic commits must wait");
    state.joining(); // a join retried before any assignment
    assertTrue(state.rebalancing());

    state.assigned(ClusterView.empty());
    assertFalse(state.rebalancing(), "the assignment ends the rebalance for this worker");
    org.junit.jupiter.api.Assertions.assertEquals(2, hooks.get(), "the join hook runs on every join");
  }
}
