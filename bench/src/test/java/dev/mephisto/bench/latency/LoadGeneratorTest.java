package dev.mephisto.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  @Test
  void valueCarriesTagDueTimeAndSequenceThroughUpperCasing() {
    byte[] value = LoadGenerator.value('M', 1_234_567_890_123L, 42);
    assertEquals(LoadGenerator.VALUE_SIZE, value.length);
    byte[] piped = new String(value, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
        .getBytes(StandardCharsets.UTF_8);

    assertEquals('M', LoadGenerator.tag(piped));
    assertEquals(1_234_567_890_123L, LoadGenerator.due(piped));
    assertEquals(42, LoadGenerator.sequence(piped));
  }

  @Test
  void optionsDefaultToTheIssuesRatesAndBothProducerProfiles() {
    LatencyOptions o = LatencyOptions.parse(new String[] {"--latency"}, java.util.List.of("raw"));
    assertEquals(java.util.List.of(1_000, 10_000, 50_000), o.rates());
    assertEquals(java.time.Duration.ofSeconds(30), o.duration());
    assertEquals(3, o.repeat());
    assertEquals(4, o.partitions());
    assertEquals(2, o.profiles().size());
    LatencyOptions small = LatencyOptions.parse(
        new String[] {"--latency", "--rates", "1k,5k", "--duration", "2s", "--producer", "equal",
            "--repeat", "1"}, java.util.List.of("raw"));
    assertEquals(java.util.List.of(1_000, 5_000), small.rates());
    assertEquals(java.time.Duration.ofSeconds(2), small.duration());
    assertEquals(1, small.profiles().size());
    assertEquals(1, small.repeat());
  }
}
