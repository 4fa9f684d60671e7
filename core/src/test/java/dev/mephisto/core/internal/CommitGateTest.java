package dev.mephisto.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.offsets.PartitionTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Two agents read one partition at different paces (as the chaos app's echo and batch agents
 * do): an exactly-once commit must cut the partition where the faster one is, let the slower one
 * catch up, hold the faster one, and commit offsets that cover every record either processed.
 */
@org.junit.jupiter.api.Timeout(30)
class CommitGateTest {
  private final PartitionTracker tracker = new PartitionTracker(new TopicPartition("t", 0));
  private final List<Delivery> records = new ArrayList<>();

  CommitGateTest() {
    for (long o = 0; o < 10; o++) {
      Delivery d = new Delivery(new ConsumerRecord<>("t", 0, o, null, null), tracker, 2);
      tracker.add(d);
      records.add(d);
    }
  }

  private void process(CommitGate gate, long offset) throws InterruptedException {
    Delivery d = records.get((int) offset);
    gate.enter(d, false);
    d.ack();
  }

  @Test
  void aCommitCutsWhereTheFastestAgentIsAndTheSlowerOneCatchesUp() throws Exception {
    CommitGate gate = new CommitGate();
    for (long o = 0; o <= 5; o++) {
      process(gate, o); // the fast agent: records 0..5
    }
    for (long o = 0; o <= 1; o++) {
      process(gate, o); // the slow agent: records 0..1
    }

    gate.close();
    tracker.freezeCut();
    gate.cutFixed();
    assertEquals(5, tracker.cut(), "cut at the highest record any agent started");
    assertFalse(tracker.cutDone(), "records 2..5 still wait for the slow agent");

    // the fast agent's next record is past the cut: it waits for the commit
    CountDownLatch fastStarted = new CountDownLatch(1);
    Thread fast = Thread.ofVirtual().start(() -> {
      try {
        gate.enter(records.get(6), false);
        fastStarted.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertFalse(fastStarted.await(200, TimeUnit.MILLISECONDS), "past the cut: held");

    // the slow agent is behind the cut: it goes through up to it
    for (long o = 2; o <= 5; o++) {
      process(gate, o);
    }
    assertTrue(tracker.cutDone(), "every record up to the cut is done");
    assertEquals(6, tracker.doneOffset(), "the commit covers records 0..5, all both agents did");

    tracker.clearCut();
    gate.open();
    assertTrue(fastStarted.await(5, TimeUnit.SECONDS), "the fast agent goes on after the commit");
    fast.join();
  }

  @Test
  void anAgentHoldingABatchExtendsTheCut() throws Exception {
    CommitGate gate = new CommitGate();
    process(gate, 0);
    gate.close();
    tracker.freezeCut();
    gate.cutFixed();
    assertEquals(0, tracker.cut());

    gate.enter(records.get(1), true); // a part-filled take batch needs record 1
    assertEquals(1, tracker.cut(), "the batch's record joins the cut");
    records.get(1).ack();
    assertFalse(tracker.cutDone(), "the other agent has not done 0 and 1 yet");
    process(gate, 0); // the other agent, behind the (wider) cut
    process(gate, 1);
    assertTrue(tracker.cutDone());
  }

  @Test
  void anAtLeastOnceGateOnlyMarksRecordsTakenAndNeverCloses() throws Exception {
    CommitGate gate = CommitGate.neverClosing();
    Delivery d = records.get(3);
    gate.enter(d, false);
    assertTrue(d.taken(), "an at-least-once revoke waits for taken records");
    tracker.freezeCut();
    assertEquals(-1, tracker.cut(), "no exactly-once cut is recorded");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, gate::close);
    assertFalse(gate.isClosed());
  }
}
