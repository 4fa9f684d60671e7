package dev.mephisto.core.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.AppSettings;
import dev.mephisto.LifecycleListener;
import dev.mephisto.WorkerState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WorkerMonitorTest {
  private final List<String> told = new CopyOnWriteArrayList<>();
  private final LifecycleListener listener = new LifecycleListener() {
    @Override
    public void onStateChange(WorkerState from, WorkerState to) {
      told.add(from + "->" + to);
    }
  };

  private WorkerMonitor monitor() {
    AppSettings s = App.builder("monitor").broker("memory://").listener(listener)
        .listener(new LifecycleListener() {
          @Override
          public void onStateChange(WorkerState from, WorkerState to) {
            throw new IllegalStateException("a broken listener must not stop the others");
          }
        }).environment(Map.of()).settings();
    WorkerMetrics m = new WorkerMetrics(s);
    return new WorkerMonitor(s, m, new Lifecycle(m, s.listeners()));
  }

  @Test
  void aFailedPollLoopFailsLivenessAndReadinessAndIsFinal() {
    WorkerMonitor m = monitor();
    m.lifecycle().starting();
    m.loopStarted();
    assertFalse(m.ready().ok());
    assertEquals(List.of("worker is starting", "no assignment yet"), m.ready().reasons());
    m.assigning(List.of(new TopicPartition("t", 0)));
    assertTrue(m.health().ok(), "a rebalance in progress is alive");
    m.assigned();
    assertTrue(m.ready().ok() && m.health().ok());
    m.loopEnded(new IllegalStateException("commit failed"));
    m.loopEnded(null);
    assertFalse(m.health().ok());
    assertEquals(List.of("the poll loop failed: java.lang.IllegalStateException: commit failed"),
        m.health().reasons());
    assertFalse(m.ready().ok());
    m.lifecycle().moveTo(WorkerState.RUNNING);
    assertEquals(WorkerState.FAILED, m.lifecycle().state(), "failed is final");
    assertEquals(List.of("STARTING->ASSIGNED", "ASSIGNED->RUNNING", "RUNNING->FAILED"), told);
  }

  @Test
  void aGracefulStopIsNotAFailure() {
    WorkerMonitor m = monitor();
    m.lifecycle().starting();
    m.loopStarted();
    m.assigning(List.of());
    m.assigned();
    m.lifecycle().moveTo(WorkerState.STOPPING);
    m.loopEnded(null);
    m.lifecycle().moveTo(WorkerState.STOPPED);
    assertTrue(m.health().ok(), m.health()::toString);
    assertFalse(m.ready().ok());
    assertEquals(List.of("STARTING->ASSIGNED", "ASSIGNED->RUNNING", "RUNNING->STOPPING",
        "STOPPING->STOPPED"), told);
  }
}
