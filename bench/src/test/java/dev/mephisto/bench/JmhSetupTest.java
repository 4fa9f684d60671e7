package dev.mephisto.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JmhSetupTest {

  @Test
  void annotationProcessingRegistersTheMapBenchmark() throws IOException {
    try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
      assertNotNull(list, "JMH's annotation processor wrote no META-INF/BenchmarkList");
      String content = new String(list.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(content.contains("dev.mephisto.bench.jmh.MapBenchmark"), content);
      assertTrue(content.contains("MapBenchmark_get_jmhTest"), content);
      assertTrue(content.contains("MapBenchmark_put_jmhTest"), content);
    }
  }
}
