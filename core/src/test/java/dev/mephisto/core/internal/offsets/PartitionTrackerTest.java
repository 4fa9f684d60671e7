package dev.mephisto.core.internal.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionTrackerTest {
  private final PartitionTracker tracker = new PartitionTracker(new TopicPartition("t", 0));

  private List<Delivery> deliver(long... offsets) {
    List<Delivery> out = new ArrayList<>();
    for (long o : offsets) {
      Delivery d = new Delivery(new ConsumerRecord<>("t", 0, o, null, null), tracker, 1);
      tracker.add(d);
      out.add(d);
    }
    return out;
  }

  @Test
  void commitsOnePastTheHighestContiguousAckedOffset() {
    List<Delivery> d = deliver(10, 11, 12, 13);
    d.get(0).ack();
    d.get(1).ack();
    d.get(3).ack();
    assertEquals(2, tracker.advance());
    assertEquals(12, tracker.toCommit(), "offset 12 is a gap: commit stops before it");
    d.get(2).ack();
    assertEquals(2, tracker.advance());
    assertEquals(14, tracker.toCommit());
  }

  @Test
  void offsetsMissingFromTheLogAreNotGaps() {
    List<Delivery> d = deliver(5, 9, 20); // compaction and transaction markers leave holes
    d.forEach(Delivery::ack);
    tracker.advance();
    assertEquals(21, tracker.toCommit());
  }

  @Test
  void nothingToCommitUntilSomethingNewIsDone() {
    List<Delivery> d = deliver(0, 1);
    assertEquals(-1, tracker.toCommit());
    d.get(0).ack();
    tracker.advance();
    tracker.committed(tracker.toCommit());
    assertEquals(-1, tracker.toCommit());
    assertEquals(1, tracker.inFlight());
  }

  @Test
  void aRecordIsDoneOnlyWhenEverySubscriberAcked() {
    Delivery d = new Delivery(new ConsumerRecord<>("t", 0, 0, null, null), tracker, 2);
    tracker.add(d);
    d.ack();
    assertFalse(d.done());
    tracker.advance();
    assertEquals(-1, tracker.toCommit());
    d.ack();
    assertTrue(d.done());
    tracker.advance();
    assertEquals(1, tracker.toCommit());
  }

  @Test
  void knowsWhetherAnAgentIsInTheMiddleOfARecord() {
    List<Delivery> d = deliver(0, 1);
    assertFalse(tracker.anyTakenNotDone());
    d.get(1).markTaken();
    assertTrue(tracker.anyTakenNotDone());
    d.get(1).ack();
    assertFalse(tracker.anyTakenNotDone());
  }

  @Test
  void aRecordOneSubscriberFinishedAndAnotherHasNotTakenIsNotInProcessing() {
    // two agents read the topic: the first took and finished it, the second has not started it
    // (it waits at the gate of an exactly-once commit, which must not wait for it in turn)
    Delivery d = new Delivery(new ConsumerRecord<>("t", 0, 0, null, null), tracker, 2);
    tracker.add(d);
    d.markTaken();
    assertTrue(tracker.anyTakenNotDone());
    d.ack();
    assertFalse(d.done());
    assertFalse(tracker.anyTakenNotDone());
    d.markTaken();
    assertTrue(tracker.anyTakenNotDone());
    d.ack();
    assertTrue(d.done());
    assertFalse(tracker.anyTakenNotDone());
  }
}
