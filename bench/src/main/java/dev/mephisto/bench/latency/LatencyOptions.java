package dev.mephisto.bench.latency;

import dev.mephisto.ConfigurationException;
import dev.mephisto.bench.BenchOptions;
import dev.mephisto.bench.ProducerProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Options of the latency mode ({@code --latency}).
 *
 * @param rates input rates in records/s, each run separately
 * @param duration measured time of one run, at the fixed rate
 * @param warmup unmeasured time at the same rate before it
 * @param repeat runs per rate, implementation and producer profile; figures are their medians
 * @param profiles producer settings to compare: equal for all three, and each one's defaults
 * @param partitions partitions of the input and output topics
 * @param implementations implementation names to run, in order
 * @param commitInterval commit interval of all three implementations
 * @param out where the JSON results go
 * @param bootstrap an external broker, else an embedded one is started
 * @param broker where the embedded broker runs
 */
public record LatencyOptions(
    List<Integer> rates,
    Duration duration,
    Duration warmup,
    int repeat,
    List<ProducerProfile> profiles,
    int partitions,
    List<String> implementations,
    Duration commitInterval,
    Path out,
    Optional<String> bootstrap,
    BenchOptions.BrokerPlacement broker) {

  /** Usage text. */
  public static final String USAGE =
      """
      Usage: java -jar mephisto-bench.jar --latency [options]
        --rates a,b,c        input rates, records/s (default 1000,10000,50000; 10k works)
        --duration D         measured time per run (default 30s)
        --warmup D           unmeasured time per run at the same rate, before it (default 5s)
        --repeat N           runs per rate, implementation and producer profile (default 3)
        --producer a,b       equal (linger.ms 5 for all three) and/or defaults (each one's own)
                             (default equal,defaults)
        --partitions N       partitions of the input and output topics (default 4)
        --implementations a,b  subset of: %s (default all)
        --commit-interval D  commit interval of all three (default 2.8s, Mephisto's default)
        --out DIR            where latency-results.json goes (default results)
        --bootstrap H:P      use this broker instead of starting an embedded one
        --broker jvm|in-process  run the embedded broker in its own JVM (default) or in this one
      """;

  /** Copies the lists. */
  public LatencyOptions {
    rates = List.copyOf(rates);
    profiles = List.copyOf(profiles);
    implementations = List.copyOf(implementations);
  }

  /**
   * @param args command-line arguments, {@code --latency} among them
   * @param knownImplementations names of the implementations there are
   * @return the options
   * @throws ConfigurationException for an unknown option or value
   */
  public static LatencyOptions parse(String[] args, List<String> knownImplementations) {
    List<Integer> rates = List.of(1_000, 10_000, 50_000);
    Duration duration = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(5);
    int repeat = 3;
    List<ProducerProfile> profiles = List.of(ProducerProfile.EQUAL, ProducerProfile.DEFAULTS);
    int partitions = 4;
    List<String> implementations = knownImplementations;
    Duration commitInterval = Duration.ofMillis(2800);
    Path out = Path.of("results");
    Optional<String> bootstrap = Optional.empty();
    BenchOptions.BrokerPlacement broker = BenchOptions.BrokerPlacement.SEPARATE_JVM;
    // The bench's own options parse the shared ones and check their values.
    List<String> shared = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--latency")) {
        continue;
      }
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (option) {
        case "--rates" -> rates = rates(value);
        case "--duration" -> duration = BenchOptions.duration(option, value);
        case "--warmup" -> warmup = BenchOptions.duration(option, value);
        case "--producer" -> profiles = profiles(value);
        case "--repeat", "--partitions", "--implementations", "--impl", "--commit-interval", "--out",
            "--bootstrap", "--broker" -> {
          shared.add(option);
          if (value != null) {
            shared.add(value);
          }
        }
        default -> throw new ConfigurationException("Unknown option '" + option + "' for --latency; "
            + "expected one of --rates, --duration, --warmup, --repeat, --producer, --partitions, "
            + "--implementations, --commit-interval, --out, --bootstrap, --broker");
      }
      i++;
    }
    List<String> sharedArgs = new ArrayList<>(shared);
    if (!shared.contains("--repeat")) {
      sharedArgs.addAll(List.of("--repeat", Integer.toString(repeat)));
    }
    if (!shared.contains("--commit-interval")) {
      sharedArgs.addAll(List.of("--commit-interval", commitInterval.toMillis() + "ms"));
    }
    BenchOptions b = BenchOptions.parse(sharedArgs.toArray(String[]::new), knownImplementations);
    return new LatencyOptions(rates, duration, warmup, b.repeat(), profiles, b.partitions(),
        b.implementations(), b.commitInterval(), b.out(), b.bootstrap(), b.brokerJvm());
  }

  private static List<Integer> rates(String value) {
    if (value == null || value.startsWith("--")) {
      throw new ConfigurationException("Option '--rates' needs a value");
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (String r : value.split(",")) {
      out.add(Math.toIntExact(BenchOptions.count("--rates", r.strip())));
    }
    return List.copyOf(out);
  }

  private static List<ProducerProfile> profiles(String value) {
    if (value == null || value.startsWith("--")) {
      throw new ConfigurationException("Option '--producer' needs a value");
    }
    Set<ProducerProfile> out = new LinkedHashSet<>();
    for (String p : value.split(",")) {
      out.add(Arrays.stream(new ProducerProfile[] {ProducerProfile.EQUAL, ProducerProfile.DEFAULTS})
          .filter(x -> x.id().equals(p.strip()))
          .findFirst()
          .orElseThrow(() -> new ConfigurationException(
              "Option '--producer' was '" + p + "' but it should be one of [equal, defaults]")));
    }
    return List.copyOf(out);
  }
}
