package dev.mephisto.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each benchmark's setup checks its round trip; these run it once per parameter, outside JMH. */
class BenchmarkSetupTest {

  @Test
  void everyJsonCodecRoundTripsTheTrade() throws Exception {
    for (String codec : List.of("jackson", "json", "jackson+base64", "json|binary")) {
      JsonCodecBenchmark b = new JsonCodecBenchmark();
      b.codec = codec;
      b.setUp();
      assertEquals(Trade.sample(), b.decode(), codec);
      assertTrue(b.encode().length > 100, codec);
    }
  }

  @Test
  void mephistoAvroWritesTheConfluentHeaderBeforeTheBareAvroBody() throws Exception {
    AvroCodecBenchmark mephisto = new AvroCodecBenchmark();
    mephisto.codec = "mephisto-avro";
    mephisto.setUp();
    AvroCodecBenchmark bare = new AvroCodecBenchmark();
    bare.codec = "generic";
    bare.setUp();
    byte[] wire = mephisto.encode();
    byte[] body = bare.encode();
    assertEquals(0, wire[0], "magic byte");
    assertArrayEquals(body, java.util.Arrays.copyOfRange(wire, 5, wire.length));
    assertEquals(Trade.sample(), mephisto.decode());
  }

  @Test
  void everyStoreReadsBackWhatItHolds() throws Exception {
    for (String store : List.of("memory", "rocksdb", "HashMap", "TreeMap", "ConcurrentSkipListMap",
        "rocksdb-jni")) {
      StoreBenchmark b = new StoreBenchmark();
      b.store = store;
      b.setUp();
      try {
        for (int i = 0; i < StoreBenchmark.KEYS; i++) {
          assertEquals(100, b.get().length, store);
        }
        b.put();
      } finally {
        b.tearDown();
      }
    }
  }

  @Test
  void everyOrderedStoreScansOneHundredEntries() throws Exception {
    for (String store : List.of("memory", "rocksdb", "TreeMap", "ConcurrentSkipListMap",
        "rocksdb-jni")) {
      StoreRangeBenchmark b = new StoreRangeBenchmark();
      b.store = store;
      b.setUp();
      try {
        assertEquals(100 * 100, b.range(), store);
      } finally {
        b.tearDown();
      }
    }
  }
}
