package dev.mephisto.core.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.App;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SourceMeterTest {
  private final WorkerMetrics metrics = new WorkerMetrics(
      App.builder("meter").broker("memory://").environment(Map.of()).settings());
  private final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("in", 0, 0,
      System.currentTimeMillis(), org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0,
      null, null, new org.apache.kafka.common.header.internals.RecordHeaders(),
      java.util.Optional.empty());

  @Test
  void countsEveryRecordAndTimesEveryOneWhileTheAgentKeepsUp() {
    SourceMeter m = metrics.source("counter", "in");
    for (int i = 0; i < 5; i++) {
      m.pulling();
      m.took(record, false);
    }
    m.pulling();
    AgentMeters a = metrics.agent("counter");
    assertEquals(5, a.recordsIn());
    assertEquals(5, a.processing().count());
    assertEquals(5, a.endToEnd().count());
    SourceMeter untimed = metrics.source("no-timestamps", "in");
    untimed.took(new ConsumerRecord<>("in", 0, 0, null, null), false);
    untimed.pulling();
    assertEquals(1, metrics.agent("no-timestamps").processing().count());
    assertEquals(0, metrics.agent("no-timestamps").endToEnd().count(),
        "a record without a timestamp has no end-to-end latency");
  }

  @Test
  void anAgentOverSeveralTopicsCountsEachRecordUnderItsOwnTopic() {
    SourceMeter m = metrics.source("merger", "in"); // the first topic of its subscription
    for (String topic : new String[] {"in", "other", "other", "in", "third"}) {
      m.took(new ConsumerRecord<>(topic, 0, 0, null, null), false);
      m.pulling();
    }
    assertEquals(5, metrics.agent("merger").recordsIn());
    for (Map.Entry<String, Double> e : Map.of("in", 2.0, "other", 2.0, "third", 1.0).entrySet()) {
      assertEquals(e.getValue(), metrics.registry().get(MeterNames.RECORDS_IN)
          .tag("agent", "merger").tag("topic", e.getKey()).counter().count(), e.getKey());
    }
  }

  @Test
  void underLoadTimesOneRecordInThirtyTwo() {
    SourceMeter m = metrics.source("busy", "in");
    for (int i = 0; i < 2 * SourceMeter.UNDER_LOAD; i++) {
      m.pulling();
      m.took(record, true);
    }
    m.pulling();
    AgentMeters a = metrics.agent("busy");
    assertEquals(2 * SourceMeter.UNDER_LOAD, a.recordsIn(), "every record is counted");
    assertEquals(2, a.processing().count(),
        "the first record and then one in " + SourceMeter.UNDER_LOAD + " are timed");
  }

  @Test
  void sendsCountAsTheOutputOfTheAgentWhoseThreadTookARecord() throws Exception {
    SourceMeter m = metrics.source("forwarder", "in");
    Thread t = Thread.ofVirtual().start(() -> {
      m.took(record, false);
      metrics.sent("out");
      metrics.sent("out");
    });
    t.join();
    metrics.sent("out"); // from a thread of no agent
    assertEquals(2, metrics.agent("forwarder").recordsOut());
    assertEquals(1.0, metrics.registry().get(MeterNames.RECORDS_OUT).tag("agent", "none")
        .counter().count());
  }
}
