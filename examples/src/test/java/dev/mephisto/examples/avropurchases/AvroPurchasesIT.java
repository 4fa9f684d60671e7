package dev.mephisto.examples.avropurchases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.avropurchases.AvroPurchases.Purchase;
import dev.mephisto.examples.avropurchases.AvroPurchases.Receipt;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import dev.mephisto.testkit.registry.EmbeddedSchemaRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithKafka
class AvroPurchasesIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90)).ignoringExceptions();
  private static final String PURCHASES = "avro-purchases.purchases";
  private static final String RECEIPTS = "avro-purchases.receipts";
  private static final String GROUP = "avro-purchases"; // the app id

  // Both tests write to the same topics of the shared broker; each looks at its own run only.
  private final long testStart = System.currentTimeMillis();

  /**
   * The other test's run may leave purchases unprocessed; the app's group would pick them up in
   * this run and decode them with this run's registry, whose schema ids mean other schemas. Skip
   * them: this run processes only purchases it wrote itself.
   */
  @BeforeEach
  void skipPurchasesOfEarlierRuns(KafkaCluster kafka) throws Exception {
    if (!kafka.client().topics().contains(PURCHASES)) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
    kafka.client().endOffsets(PURCHASES).forEach((tp, o) -> end.put(tp, new OffsetAndMetadata(o)));
    kafka.client().admin().alterConsumerGroupOffsets(GROUP, end).all().get();
  }

  private List<ConsumerRecord<byte[], byte[]>> thisRun(KafkaCluster kafka, String topic) {
    return kafka.client().readAll(topic).stream().filter(r -> r.timestamp() >= testStart).toList();
  }

  /** Runs the example until it wrote {@code atLeast} receipts. */
  private String runUntilReceipts(KafkaCluster kafka, long atLeast, String... args) {
    try (ExampleRun run = ExampleRun.start("avro-purchases", kafka, args)) {
      AWAIT.until(atLeast + " receipts", () -> thisRun(kafka, RECEIPTS).size() >= atLeast);
      return run.stop();
    }
  }

  private void assertReceiptsMatchPurchases(KafkaCluster kafka, String registry) {
    Codec avro = Codecs.create(List.of(), Map.of("schema.registry.url", registry)).resolve("avro");
    List<Receipt> expected = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : thisRun(kafka, PURCHASES)) {
      assertEquals(0, r.value()[0], "Confluent magic byte");
      assertTrue(ByteBuffer.wrap(r.value(), 1, 4).getInt() > 0, "schema id");
      Purchase p = avro.decode(r.value(), Purchase.class, CodecContext.value(PURCHASES));
      expected.add(new Receipt(p.username(), p.currency(), p.cents() / 100.0, p.at()));
    }
    List<ConsumerRecord<byte[], byte[]>> receipts = thisRun(kafka, RECEIPTS);
    assertTrue(receipts.size() >= 3, () -> receipts.size() + " receipts");
    for (ConsumerRecord<byte[], byte[]> r : receipts) {
      Receipt receipt = avro.decode(r.value(), Receipt.class, CodecContext.value(RECEIPTS));
      if (receipt.at().toEpochMilli() < testStart) {
        // a purchase the previous run sent just before it stopped, left uncommitted, processed
        // by this run (same group, at-least-once): that run's, encoded with its registry
        continue;
      }
      assertTrue(expected.remove(receipt), () -> receipt + " matches no purchase");
    }
  }

  @Test
  void writesAvroReceiptsWithTheMockRegistry(KafkaCluster kafka) {
    String out = runUntilReceipts(kafka, 5);
    assertTrue(out.contains("One purchase as Avro: magic byte 0, schema id "), out);
    assertReceiptsMatchPurchases(kafka, AvroPurchases.MOCK_REGISTRY);
  }

  @Test
  void writesAvroReceiptsWithARealRegistry(KafkaCluster kafka) {
    String url = EmbeddedSchemaRegistry.shared().url();
    String out = runUntilReceipts(kafka, 3, "--registry", url);
    assertTrue(out.contains("\"avro-purchases.receipts-value\""), () -> "subjects listed:\n" + out);
    assertReceiptsMatchPurchases(kafka, url);
  }
}
