package dev.mephisto.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static final List<String> IMPLS = List.of("raw", "kafka-streams");

  @Test
  void defaultsRunEverythingOnAnEmbeddedBroker() {
    BenchOptions o = BenchOptions.parse(new String[0], IMPLS);
    assertEquals(BenchOptions.DEFAULT_RECORDS, o.records());
    assertEquals(List.of(Workload.values()), o.workloads());
    assertEquals(IMPLS, o.implementations());
    assertEquals(Path.of("results"), o.out());
    assertTrue(o.bootstrap().isEmpty());
    assertEquals(3, o.repeat());
    assertEquals(Duration.ofMillis(500), o.commitInterval());
    assertEquals(BenchOptions.BrokerPlacement.SEPARATE_JVM, o.brokerJvm());
  }

  @Test
  void commitIntervalAndBrokerPlacementAreOptions() {
    BenchOptions o = BenchOptions.parse(
        new String[] {"--commit-interval", "2.8s", "--broker", "in-process"}, IMPLS);
    assertEquals(Duration.ofMillis(2800), o.commitInterval());
    assertEquals(BenchOptions.BrokerPlacement.IN_PROCESS, o.brokerJvm());
    assertEquals(Duration.ofMillis(250),
        BenchOptions.parse(new String[] {"--commit-interval", "250ms"}, IMPLS).commitInterval());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> BenchOptions.parse(new String[] {"--commit-interval", "soon"}, IMPLS));
    assertTrue(e.getMessage().contains("'soon'"), e.getMessage());
  }

  @Test
  void countsAcceptSuffixesAndUnderscores() {
    assertEquals(500_000, BenchOptions.parse(new String[] {"--records", "500k"}, IMPLS).records());
    assertEquals(2_000_000, BenchOptions.parse(new String[] {"--records", "2m"}, IMPLS).records());
    assertEquals(1_000, BenchOptions.parse(new String[] {"--records", "1_000"}, IMPLS).records());
  }

  @Test
  void workloadsAreChosenInOrderWithoutDuplicates() {
    BenchOptions o =
        BenchOptions.parse(new String[] {"--workloads", "count,consume,count"}, IMPLS);
    assertEquals(List.of(Workload.COUNT, Workload.CONSUME), o.workloads());
  }

  @Test
  void unknownWorkloadFailsListingTheKnownOnes() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> BenchOptions.parse(new String[] {"--workloads", "join"}, IMPLS));
    assertTrue(e.getMessage().contains("'join'"), e.getMessage());
    assertTrue(e.getMessage().contains("windowed-count"), e.getMessage());
  }

  @Test
  void unknownImplementationAndBadCountFail() {
    assertThrows(
        ConfigurationException.class,
        () -> BenchOptions.parse(new String[] {"--implementations", "flink"}, IMPLS));
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> BenchOptions.parse(new String[] {"--records", "ten"}, IMPLS));
    assertTrue(e.getMessage().contains("'ten'"), e.getMessage());
  }

  @Test
  void optionWithoutValueFails() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> BenchOptions.parse(new String[] {"--records"}, IMPLS));
    assertTrue(e.getMessage().contains("--records"), e.getMessage());
  }
}
