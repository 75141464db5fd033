package io.edgegateway.daemon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code validate --config FILE}: exit 0 when valid, else one line per error and exit 2. */
@Command(name = "validate", description = "Check a config file; print one line per error.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, description = "YAML config file")
  Path config;

  @Override
  public Integer call() {
    if (ConfigFiles.load(config, spec.commandLine().getErr()).isEmpty()) {
      return EdgeGatewayCli.EXIT_USAGE;
    }
    spec.commandLine().getOut().println(config + ": ok");
    return 0;
  }
}
