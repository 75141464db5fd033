package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.ConfigSnapshot;
import io.edgegateway.daemon.Gateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run --config FILE}: the daemon, until SIGTERM/SIGINT; SIGHUP reloads FILE live. */
@Command(name = "run", description = "Run the gateway daemon (what systemd runs).")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, description = "YAML config file")
  Path config;

  @Option(
      names = "--drain-timeout",
      defaultValue = "10s",
      description = "How long shutdown keeps uploading the backlog (default: ${DEFAULT-VALUE})")
  String drainTimeout;

  @Override
  public Integer call() throws InterruptedException {
    ConfigSnapshot snapshot = ConfigSnapshot.read(config);
    Optional<GatewayConfig> cfg = ConfigFiles.load(snapshot, spec.commandLine().getErr());
    if (cfg.isEmpty()) {
      return EdgeGatewayCli.EXIT_USAGE;
    }
    var unsupported = Gateway.unsupported(cfg.get());
    if (!unsupported.isEmpty()) {
      unsupported.forEach(m -> spec.commandLine().getErr().println(config + ": " + m));
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Duration drain = CliDurations.parse(spec, "--drain-timeout", drainTimeout);
    CountDownLatch stopped = new CountDownLatch(1);
    Gateway gateway;
    try {
      gateway = Gateway.start(snapshot, Clock.system(), drain);
    } catch (RuntimeException e) {
      log.error("cannot start: {}", e.getMessage());
      return EdgeGatewayCli.EXIT_FAILURE;
    }
    Thread hook =
        new Thread(
            () -> {
              gateway.close();
              stopped.countDown();
            },
            "eg-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ReloadSignal.install(gateway::requestReload);
    stopped.await();
    return 0;
  }
}
