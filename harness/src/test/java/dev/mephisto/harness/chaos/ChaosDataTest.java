package dev.mephisto.harness.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class ChaosDataTest {
  private static final long BASE = 1_700_000_000_000L;

  @Test
  void sameSeedGivesTheSameInputAndAnotherSeedAnother() {
    ChaosData a = new ChaosData(42, 100, 10_000, BASE, 10_000);
    ChaosData b = new ChaosData(42, 100, 10_000, BASE, 10_000);
    ChaosData c = new ChaosData(43, 100, 10_000, BASE, 10_000);
    long same = LongStream.range(0, 10_000).filter(i -> a.accountOf(i) == b.accountOf(i)).count();
    long other = LongStream.range(0, 10_000).filter(i -> a.accountOf(i) == c.accountOf(i)).count();
    assertEquals(10_000, same);
    assertTrue(other < 500, "another seed picks other accounts, but " + other + " matched");
  }

  @Test
  void expectedCountsAddUpToTheEventsAndCoverEveryAccount() {
    ChaosData d = new ChaosData(7, 50, 20_000, BASE, 10_000);
    Map<String, Long> counts = d.expectedCounts();
    assertEquals(50, counts.size());
    assertEquals(20_000, counts.values().stream().mapToLong(Long::longValue).sum());
    counts.values().forEach(n -> assertTrue(n > 250 && n < 550, "uneven spread: " + counts));
  }

  @Test
  void windowCountsFollowEventTimeOneMillisecondApart() {
    ChaosData d = new ChaosData(7, 3, 25_000, BASE, 10_000);
    Map<String, Long> w = d.expectedWindowCounts();
    assertEquals(25_000, w.values().stream().mapToLong(Long::longValue).sum());
    long starts = w.keySet().stream().map(k -> k.substring(k.indexOf('@') + 1)).distinct().count();
    assertEquals(3, starts, "25 000 ms from a window start span three 10 s windows: " + w.keySet());
    assertEquals(BASE + 12_345, d.event(12_345).time());
    assertEquals(BASE + 10_000, d.windowStart(BASE + 19_999));
  }

  @Test
  void recordIsTheJsonTheAppDecodesWithItsTimestampAndKey() {
    ChaosData d = new ChaosData(1, 10, 100, BASE, 10_000);
    ProducerRecord<byte[], byte[]> r = d.record("in", 17);
    assertEquals("e17", new String(r.key(), StandardCharsets.UTF_8));
    assertEquals(BASE + 17, r.timestamp());
    assertEquals(d.event(17), Codecs.get("json").decode(r.value(), ChaosEvent.class));
  }

  @Test
  void partitionIsTheProducersDefaultForTheKey() {
    // Kafka's BuiltInPartitioner for a keyed record: toPositive(murmur2(key)) % partitions
    int p = org.apache.kafka.common.utils.Utils.toPositive(
        org.apache.kafka.common.utils.Utils.murmur2("e17".getBytes(StandardCharsets.UTF_8))) % 8;
    assertEquals(p, ChaosData.partitionOf(17, 8));
    long spread = LongStream.range(0, 800).map(i -> ChaosData.partitionOf(i, 8)).distinct().count();
    assertEquals(8, spread);
  }

  @Test
  void baseTimeIsAWindowStartInThePast() {
    long base = ChaosData.baseTimeForNow(1_000_000, 60_000);
    assertEquals(0, base % 60_000);
    assertTrue(base + 1_000_000 < System.currentTimeMillis());
    assertNotEquals(0, base);
  }
}
