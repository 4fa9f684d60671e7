package dev.mephisto.examples.codecchain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.codecchain.CodecChain.Purchase;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@WithKafka
class CodecChainIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] gunzip(byte[] b) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
      return in.readAllBytes();
    }
  }

  @Test
  void sendsTheSamePurchaseThroughEveryChainAndReadsItBack(KafkaCluster kafka) throws IOException {
    String out;
    try (ExampleRun run = ExampleRun.start("codec-chain", kafka)) {
      AWAIT.until("3 purchases in every chain's topic", () -> CodecChain.CHAINS.stream()
          .allMatch(c -> kafka.client().recordCount(CodecChain.topicOf(c)) >= 3));
      AWAIT.until("the agents printed what they read", () -> run.output().split("read from").length > 12);
      out = run.stop();
    }
    // Each topic's bytes, unwrapped by hand, are the json topic's bytes.
    Map<String, byte[]> json = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll("codec-chain.json")) {
      Purchase p = Codecs.get("json").decode(r.value(), Purchase.class);
      json.put(p.username() + p.amount() + p.currency(), r.value());
      assertTrue(utf8(r.value()).endsWith("\"__faust\": {\"ns\": \"codec_chain.Purchase\"}}"));
    }
    for (String chain : List.of("json|binary", "json|gzip", "json|gzip|binary")) {
      List<ConsumerRecord<byte[], byte[]>> records = kafka.client().readAll(CodecChain.topicOf(chain));
      assertTrue(records.size() >= 3, chain);
      for (ConsumerRecord<byte[], byte[]> r : records) {
        byte[] plain = switch (chain) {
          case "json|binary" -> Base64.getDecoder().decode(r.value());
          case "json|gzip" -> gunzip(r.value());
          default -> gunzip(Base64.getDecoder().decode(r.value()));
        };
        Purchase p = Codecs.get(chain).decode(r.value(), Purchase.class);
        byte[] expected = json.get(p.username() + p.amount() + p.currency());
        if (expected != null) { // the json topic may hold one purchase less at the stop
          assertArrayEquals(expected, plain, chain + ": " + utf8(plain));
        }
        assertArrayEquals(Codecs.get("json").encode(p), plain, chain);
      }
    }
    assertTrue(out.contains("json|gzip|binary    140  H4sI"), out); // the side-by-side table
    assertEquals(4, out.lines().filter(l -> l.matches("  json\\S* +\\d+  .*")).count(), out);
  }
}
