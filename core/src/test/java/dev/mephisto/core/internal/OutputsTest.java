package dev.mephisto.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.offsets.PartitionTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An output holds the records being processed until the broker stored it. */
class OutputsTest {
  private final PartitionTracker tracker = new PartitionTracker(new TopicPartition("in", 0));
  private final List<Delivery> unacked = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final CountDownLatch failed = new CountDownLatch(1);
  private volatile boolean release = true;

  private final EventContext.Inputs inputs = new EventContext.Inputs() {
    @Override
    public List<Delivery> unacked() {
      return unacked;
    }

    @Override
    public boolean outputFailed(List<Delivery> ds, Throwable error) {
      failures.add(error);
      failed.countDown();
      return release;
    }
  };

  private Delivery record(long offset) {
    Delivery d = new Delivery(new ConsumerRecord<>("in", 0, offset, new byte[0], new byte[0]),
        tracker, 1);
    tracker.add(d);
    return d;
  }

  @AfterEach
  void clear() {
    EventContext.clear();
  }

  @Test
  void aRecordIsCommittableOnlyOnceItsOutputIsStored() {
    Delivery d = record(0);
    unacked.add(d);
    EventContext.set(d, "v", inputs);
    CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
    assertSame(sent, Outputs.track("out", sent));
    d.ack(); // the agent asks for the next record
    tracker.advance();
    assertFalse(d.done());
    assertEquals(-1, tracker.toCommit(), "the output is still in the producer");
    sent.complete(new RecordMetadata("out", 0, 0, java.time.Instant.EPOCH));
    tracker.advance();
    assertEquals(1, tracker.toCommit());
  }

  @Test
  void aFailedOutputGoesToThePolicyAndHoldsTheRecordUnlessItReleasesIt() throws Exception {
    release = false; // STOP: never committed past it
    Delivery d = record(0);
    unacked.add(d);
    EventContext.set(d, "v", inputs);
    Outputs.track("out", CompletableFuture.failedFuture(new IllegalStateException("too large")));
    d.ack();
    assertTrue(failed.await(10, TimeUnit.SECONDS));
    assertTrue(failures.get(0).getMessage().contains("Could not send an output to 'out'"),
        failures.get(0).getMessage());
    tracker.advance();
    assertEquals(-1, tracker.toCommit());
    assertFalse(d.done());
  }

  @Test
  void sendsOutsideProcessingAndOfNoAckRecordsHoldNothing() {
    CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
    assertSame(sent, Outputs.track("out", sent)); // a timer's thread: no event context
    Delivery d = record(0);
    d.ack(); // noAck: done at once
    unacked.add(d);
    EventContext.set(d, "v", inputs);
    Outputs.track("out", sent);
    assertTrue(d.done());
    tracker.advance();
    assertEquals(1, tracker.toCommit());
  }
}
