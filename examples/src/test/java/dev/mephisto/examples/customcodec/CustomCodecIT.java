package dev.mephisto.examples.customcodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.customcodec.CustomCodec.ErrorReport;
import dev.mephisto.examples.customcodec.CustomCodec.LogBatch;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@WithKafka
class CustomCodecIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();

  @Test
  void logBatchesTravelGzippedAndAreCountedCorrectly(KafkaCluster kafka) {
    String out;
    try (ExampleRun run = ExampleRun.start("custom-codec", kafka)) {
      AWAIT.until("4 error reports",
          () -> kafka.client().recordCount("custom-codec.error-reports") >= 4);
      out = run.stop();
    }
    assertTrue(out.lines().anyMatch(l -> l.contains("examples/target/")
        && l.endsWith("META-INF/services/dev.mephisto.codec.CodecProvider")),
        () -> "the example's own services file is listed:\n" + out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("Codec names known: [") && l.contains(" gzip,")),
        out);
    Map<Integer, LogBatch> batches = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll("custom-codec.logs")) {
      assertEquals(0x1f, r.value()[0] & 0xff, "gzip magic on the wire");
      assertEquals(0x8b, r.value()[1] & 0xff, "gzip magic on the wire");
      LogBatch b = Codecs.get("json|gzip").decode(r.value(), LogBatch.class);
      batches.put(b.batch(), b);
    }
    List<ConsumerRecord<byte[], byte[]>> reports = kafka.client().readAll("custom-codec.error-reports");
    assertTrue(reports.size() >= 4);
    for (ConsumerRecord<byte[], byte[]> r : reports) {
      ErrorReport report = Codecs.get("json").decode(r.value(), ErrorReport.class);
      LogBatch b = batches.get(report.batch());
      assertEquals(b.lines().size(), report.lines(), () -> "lines of " + report);
      assertEquals(b.lines().stream().filter(l -> l.level().equals("ERROR")).count(),
          report.errors(), () -> "errors of " + report);
      assertEquals(b.host(), report.host());
    }
  }
}
