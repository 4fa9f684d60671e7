package dev.mephisto.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.AppSettings;
import dev.mephisto.ProcessingGuarantee;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
  private static final WorkerSettings EOS = new WorkerSettings("chaos", "chaos-eos-1",
      "127.0.0.1:9092,127.0.0.1:9093", ProcessingGuarantee.EXACTLY_ONCE, 8, 3,
      Duration.ofSeconds(6), Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofMillis(500)),
      Path.of("/tmp/run"));

  @Test
  void roundTripsThroughTheWorkersPropertiesFile() {
    Properties p = new Properties();
    EOS.write(p);
    assertEquals(EOS, WorkerSettings.read(p));
  }

  @Test
  void theAppGetsTheRunsSettingsAndIgnoresTheEnvironment() {
    AppSettings s = EOS.appBuilder(Path.of("/tmp/run/worker-0/state")).settings();
    assertEquals("chaos-eos-1", s.id());
    assertEquals("kafka://127.0.0.1:9092;127.0.0.1:9093", s.broker());
    assertEquals("rocksdb:///tmp/run/worker-0/state", s.store());
    assertEquals(ProcessingGuarantee.EXACTLY_ONCE, s.processingGuarantee());
    assertEquals(8, s.topicPartitions());
    assertEquals(3, s.topicReplicationFactor());
    assertEquals(Duration.ofMillis(500), s.commitInterval());
    assertEquals(0, s.webPort());
    assertEquals("6000", s.kafka().get("consumer.session.timeout.ms"));
    assertEquals("2000", s.kafka().get("consumer.heartbeat.interval.ms"));
    assertEquals("10000", s.kafka().get("producer.transaction.timeout.ms"));
  }

  @Test
  void atLeastOnceSetsNoTransactionTimeout() {
    WorkerSettings alo = new WorkerSettings("scale", "s", "h:1", ProcessingGuarantee.AT_LEAST_ONCE,
        16, -1, Duration.ofSeconds(6), Optional.of(Duration.ofSeconds(10)), Optional.empty(),
        Path.of("/tmp"));
    AppSettings s = alo.appBuilder(Path.of("/tmp/x")).settings();
    assertEquals(null, s.kafka().get("producer.transaction.timeout.ms"));
    assertEquals("s.input", alo.input());
    assertEquals(Path.of("/tmp/worker-3"), alo.workerDir(3));
  }
}
