package dev.mephisto.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JmhSetupTest {

  @Test
  void annotationProcessingRegistersEveryBenchmark() throws IOException {
    try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
      assertNotNull(list, "JMH's annotation processor wrote no META-INF/BenchmarkList");
      String content = new String(list.readAllBytes(), StandardCharsets.UTF_8);
      for (String benchmark : new String[] {
        "MapBenchmark_get_jmhTest", "MapBenchmark_put_jmhTest",
        "JsonCodecBenchmark_encode_jmhTest", "JsonCodecBenchmark_decode_jmhTest",
        "AvroCodecBenchmark_encode_jmhTest", "AvroCodecBenchmark_decode_jmhTest",
        "StoreBenchmark_get_jmhTest", "StoreBenchmark_put_jmhTest",
        "StoreRangeBenchmark_range_jmhTest"
      }) {
        assertTrue(content.contains(benchmark), () -> benchmark + " missing from " + content);
      }
    }
  }
}
