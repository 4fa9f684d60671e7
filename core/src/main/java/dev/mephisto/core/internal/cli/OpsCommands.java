package dev.mephisto.core.internal.cli;

import dev.mephisto.core.internal.MephistoApp;
import picocli.CommandLine;

/**
 * The operations commands: {@code tables}, {@code table get}, {@code models}, {@code reset} and
 * {@code dlq replay}, each in its own class.
 */
public final class OpsCommands {
  private OpsCommands() {}

  /**
   * @param root the app's command line
   * @param app the app
   */
  public static void register(CommandLine root, MephistoApp app) {
    root.addSubcommand(new CommandLine(new TablesCommand(app)));
    root.addSubcommand(new CommandLine(new TableCommand())
        .addSubcommand(new CommandLine(new TableGetCommand(app))));
    root.addSubcommand(new CommandLine(new ModelsCommand(app)));
    root.addSubcommand(new CommandLine(new ResetCommand(app)));
    root.addSubcommand(new CommandLine(new DlqCommand())
        .addSubcommand(new CommandLine(new DlqReplayCommand(app))));
  }

  /** {@code table}: groups {@code table get}. */
  @CommandLine.Command(name = "table", mixinStandardHelpOptions = true,
      description = "Reads a table through a running worker. Commands: get.")
  static final class TableCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** {@code dlq}: groups {@code dlq replay}. */
  @CommandLine.Command(name = "dlq", mixinStandardHelpOptions = true,
      description = "Dead-letter topics. Commands: replay.")
  static final class DlqCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }
}
