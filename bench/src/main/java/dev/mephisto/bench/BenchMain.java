package dev.mephisto.bench;

import dev.mephisto.ConfigurationException;
import dev.mephisto.bench.latency.LatencyOptions;
import dev.mephisto.bench.latency.LatencyReport;
import dev.mephisto.bench.latency.LatencyResult;
import dev.mephisto.bench.report.ChartReport;
import dev.mephisto.bench.report.JsonReport;
import dev.mephisto.bench.report.TextReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The bench's command line: runs the workloads (or, with {@code --jmh}, the JMH benchmarks; with
 * {@code --latency}, the latency mode) and writes a table, {@code bench-results.json} and {@code
 * bench-results.png} (latency: {@code latency-results.json}).
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * @param args see {@link BenchOptions#USAGE}
   * @throws Exception if JMH fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (Arrays.asList(args).contains("--latency")) {
      latency(args);
      return;
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.printf(BenchOptions.USAGE, Workload.ids(), Implementations.names());
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args, Implementations.names());
    } catch (ConfigurationException e) {
      System.err.println(e.getMessage());
      System.err.printf(BenchOptions.USAGE, Workload.ids(), Implementations.names());
      System.exit(2);
      return;
    }
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    List<RunResult> results = new Bench(options, Implementations.all(), System.out).run();
    System.out.println();
    System.out.print(TextReport.throughput(results));
    System.out.println();
    System.out.print(TextReport.memory(results));
    write(options, results);
    long failed = results.stream().filter(r -> !r.ok()).count();
    System.out.printf("%d runs, %d OK, %d FAILED%n", results.size(), results.size() - failed, failed);
    System.exit(failed == 0 ? 0 : 1);
  }

  private static void latency(String[] args) throws IOException {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.printf(LatencyOptions.USAGE, Implementations.names());
      return;
    }
    LatencyOptions options;
    try {
      options = LatencyOptions.parse(args, Implementations.names());
    } catch (ConfigurationException e) {
      System.err.println(e.getMessage());
      System.err.printf(LatencyOptions.USAGE, Implementations.names());
      System.exit(2);
      return;
    }
    List<LatencyResult> results = new LatencyBench(options, Implementations.all(), System.out).run();
    System.out.println();
    System.out.print(LatencyReport.table(results));
    Path json = options.out().resolve("latency-results.json");
    LatencyReport.write(json, options, results);
    System.out.println("Wrote " + json);
    long failed = results.stream().filter(r -> !r.ok()).count();
    System.out.printf("%d runs, %d OK, %d FAILED%n", results.size(), results.size() - failed, failed);
    System.exit(failed == 0 ? 0 : 1);
  }

  private static void write(BenchOptions options, List<RunResult> results) throws IOException {
    Path json = options.out().resolve("bench-results.json");
    Path png = options.out().resolve("bench-results.png");
    JsonReport.write(json, options, results);
    ChartReport.write(png, String.format(Locale.ROOT,
        "Mephisto bench: %,d records, %d partitions, %d CPUs", options.records(), options.partitions(),
        Runtime.getRuntime().availableProcessors()), results);
    System.out.println("Wrote " + json + " and " + png);
  }
}
