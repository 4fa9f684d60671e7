package dev.mephisto.harness;

import dev.mephisto.harness.chaos.ChaosCommand;
import dev.mephisto.harness.scale.ScaleCommand;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The harness's command line: {@code chaos} (kill -9 of workers, both delivery guarantees checked)
 * and {@code scale} (1 to 8 workers: throughput, pauses per partition, restores). Exit status: 0
 * when every check passed, 1 when one failed, 2 on bad options, 3 when the harness itself failed.
 */
@Command(name = "mephisto-harness", mixinStandardHelpOptions = true,
    subcommands = {ChaosCommand.class, ScaleCommand.class},
    description = "Chaos and scale harnesses of Mephisto: runs an app as worker processes.")
public final class HarnessMain implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Picocli's constructor. */
  public HarnessMain() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    System.exit(run(new PrintWriter(System.out, true), args));
  }

  /**
   * Runs a command without exiting the JVM (tests).
   *
   * @param out where usage and errors go
   * @param args the command line
   * @return the exit status
   */
  public static int run(PrintWriter out, String... args) {
    CommandLine cl = new CommandLine(new HarnessMain());
    cl.registerConverter(Duration.class, s -> Durations.parse(s, "a duration option"));
    cl.setOut(out);
    cl.setErr(out);
    cl.setExecutionExceptionHandler((e, line, parse) -> {
      line.getErr().println("The harness failed: " + e);
      e.printStackTrace(line.getErr());
      return 3;
    });
    return cl.execute(args);
  }
}
