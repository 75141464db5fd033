package io.edgegateway.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code edge-gateway}: the daemon and its operator tools. Exit codes: 0 ok, 1 failure, 2 usage.
 */
@Command(
    name = "edge-gateway",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Durable, exactly-once ROS 2 to Kafka gateway for robot fleets.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      ReloadCommand.class,
      CaptureCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      TailCommand.class,
      ExportCommand.class,
      QueueCommand.class,
      DecodeCommand.class,
      TopicsCommand.class,
      AuditCommand.class
    })
public final class EdgeGatewayCli implements Runnable {
  /** Runtime failure. */
  public static final int EXIT_FAILURE = 1;

  /** Usage or configuration error. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** The configured command line, for tests and {@link #main}. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new EdgeGatewayCli());
    cl.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failed = e.getCommandLine();
          failed.getErr().println("edge-gateway: " + e.getMessage());
          failed.usage(failed.getErr());
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          line.getErr().println("edge-gateway: " + e.getMessage());
          return EXIT_FAILURE;
        });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
