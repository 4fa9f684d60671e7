package dev.mephisto.bench;

import dev.mephisto.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options of the bench.
 *
 * @param records input records
 * @param restoreEntries entries of the restore workload's table
 * @param partitions partitions of every topic
 * @param workloads workloads to run, in order
 * @param implementations implementation names to run, in order
 * @param out directory for the JSON results and the chart
 * @param bootstrap an external broker, else an embedded one is started
 * @param runTimeout longest time one run may take before it is FAILED
 * @param warmupRecords records of the unreported warm-up runs, 0 for none
 * @param repeat runs per workload and implementation; the median is reported with min and max
 * @param commitInterval the commit interval of all three implementations
 * @param brokerJvm where an embedded broker runs: its own JVM, or in the bench's
 */
public record BenchOptions(
    long records,
    long restoreEntries,
    int partitions,
    List<Workload> workloads,
    List<String> implementations,
    Path out,
    Optional<String> bootstrap,
    Duration runTimeout,
    long warmupRecords,
    int repeat,
    Duration commitInterval,
    BrokerPlacement brokerJvm) {

  /**
   * Default input records: with {@link #DEFAULT_COMMIT_INTERVAL}, the fastest run (raw count,
   * ~2 M records/s) still spans three commit intervals, and the default run (3 repeats) stays
   * within 15 minutes on 2 cores.
   */
  public static final long DEFAULT_RECORDS = 3_000_000;

  /** Default entries of the restore workload. */
  public static final long DEFAULT_RESTORE_ENTRIES = 5_000_000;

  /**
   * Default commit interval, the same for all three: shorter than Mephisto's 2.8 s and Kafka
   * Streams' 30 s / 100 ms defaults so that every timed run spans several commits (the final one
   * included) without a 20-minute run. Its cost: a commit request, and for the cached stores a
   * flush of the changed keys, every 500 ms.
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);

  /** Default repetitions: figures are the median of three. */
  public static final int DEFAULT_REPEAT = 3;

  /** Where the embedded broker runs. */
  public enum BrokerPlacement {
    /** A child JVM of its own, so its heap and GC are not measured with the implementations. */
    SEPARATE_JVM,
    /** In the bench's JVM (tests, and {@code --broker in-process}). */
    IN_PROCESS
  }

  /** Usage text. */
  public static final String USAGE =
      """
      Usage: java -Djava.awt.headless=true -jar mephisto-bench.jar [options]
        --records N          input records (default 3000000; 500k, 2m also work)
        --restore-entries N  entries of the table the restore workload rebuilds (default 5000000)
        --partitions N       partitions of every topic (default 4)
        --workloads a,b      subset of: %s (default all)
        --implementations a,b  subset of: %s (default all)
        --out DIR            where results JSON and chart go (default results)
        --bootstrap H:P      use this broker instead of starting an embedded one
        --broker jvm|in-process  run the embedded broker in its own JVM (default) or in this one
        --commit-interval D  commit interval of all three implementations (default 500ms; 2.8s, 1s)
        --run-timeout SEC    fail a run that takes longer (default 600)
        --warmup N           records of the unreported warm-up runs, 0 for none (default 200000)
        --repeat N           run each workload N times; median, min and max (default 3)
        --jmh [JMH ARGS]     run the JMH micro-benchmarks instead (e.g. --jmh MapBenchmark -f 1)
        --latency [OPTIONS]  run the latency mode instead (options: --latency --help)
      """;

  /** Copies the lists. */
  public BenchOptions {
    workloads = List.copyOf(workloads);
    implementations = List.copyOf(implementations);
  }

  /**
   * @param args command-line arguments (without {@code --jmh})
   * @param knownImplementations names of the implementations there are
   * @return the options
   * @throws ConfigurationException for an unknown option or value
   */
  public static BenchOptions parse(String[] args, List<String> knownImplementations) {
    long records = DEFAULT_RECORDS;
    long restoreEntries = DEFAULT_RESTORE_ENTRIES;
    int partitions = 4;
    List<Workload> workloads = Arrays.asList(Workload.values());
    List<String> implementations = knownImplementations;
    Path out = Path.of("results");
    Optional<String> bootstrap = Optional.empty();
    Duration timeout = Duration.ofSeconds(600);
    long warmup = 200_000;
    int repeat = DEFAULT_REPEAT;
    Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
    BrokerPlacement broker = BrokerPlacement.SEPARATE_JVM;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (option) {
        case "--records" -> records = count(option, value);
        case "--restore-entries" -> restoreEntries = count(option, value);
        case "--partitions" -> partitions = Math.toIntExact(count(option, value));
        case "--workloads" -> workloads = workloads(value);
        case "--implementations", "--impl" -> implementations = names(option, value, knownImplementations);
        case "--out" -> out = Path.of(required(option, value));
        case "--bootstrap" -> bootstrap = Optional.of(required(option, value));
        case "--run-timeout" -> timeout = Duration.ofSeconds(count(option, value));
        case "--warmup" -> warmup = "0".equals(value) ? 0 : count(option, value);
        case "--repeat" -> repeat = Math.toIntExact(count(option, value));
        case "--commit-interval" -> commitInterval = duration(option, value);
        case "--broker" -> broker = switch (required(option, value)) {
          case "jvm" -> BrokerPlacement.SEPARATE_JVM;
          case "in-process" -> BrokerPlacement.IN_PROCESS;
          default -> throw new ConfigurationException(
              "Option '--broker' was '" + value + "' but it should be one of [jvm, in-process]");
        };
        default -> throw new ConfigurationException(
            "Unknown option '" + option + "'; expected one of --records, --restore-entries, "
                + "--partitions, --workloads, --implementations, --out, --bootstrap, "
                + "--run-timeout, --warmup, --repeat, --commit-interval, --broker, --latency, --jmh");
      }
      i++;
    }
    return new BenchOptions(
        records, restoreEntries, partitions, workloads, implementations, out, bootstrap, timeout, warmup,
        repeat, commitInterval, broker);
  }

  private static String required(String option, String value) {
    if (value == null || value.startsWith("--")) {
      throw new ConfigurationException("Option '" + option + "' needs a value");
    }
    return value;
  }

  /**
   * @param option the option, for the message
   * @param value its value: 1000000, 1_000_000, 500k, 2m
   * @return the count
   * @throws ConfigurationException if it is not a positive count
   */
  public static long count(String option, String value) {
    String v = required(option, value).toLowerCase(Locale.ROOT).replace("_", "");
    long factor = 1;
    if (v.endsWith("k")) {
      factor = 1_000;
      v = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      factor = 1_000_000;
      v = v.substring(0, v.length() - 1);
    }
    try {
      long n = Long.parseLong(v) * factor;
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          "Option '" + option + "' was '" + value
              + "' but it should be a positive count like 1000000 or 500k");
    }
  }

  /**
   * @param option the option, for the message
   * @param value its value: 500ms, 2.8s, 1s, 30s
   * @return the duration
   * @throws ConfigurationException if it is not a positive duration
   */
  public static Duration duration(String option, String value) {
    String v = required(option, value).toLowerCase(Locale.ROOT).strip();
    try {
      Duration d;
      if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        d = Duration.ofNanos(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1e9));
      } else {
        throw new NumberFormatException();
      }
      if (d.isNegative() || d.isZero()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          "Option '" + option + "' was '" + value + "' but it should be a duration like 500ms or 2.8s");
    }
  }

  private static List<Workload> workloads(String value) {
    Set<Workload> out = new LinkedHashSet<>();
    for (String id : required("--workloads", value).split(",")) {
      out.add(Workload.byId(id.strip()).orElseThrow(() -> new ConfigurationException(
          "Workload '" + id + "' is unknown; it should be one of " + Workload.ids())));
    }
    return List.copyOf(out);
  }

  private static List<String> names(String option, String value, List<String> known) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : required(option, value).split(",")) {
      String n = name.strip();
      if (!known.contains(n)) {
        throw new ConfigurationException(
            "Implementation '" + n + "' is unknown; it should be one of " + known);
      }
      out.add(n);
    }
    return List.copyOf(out);
  }
}
