package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.ConfigSnapshot;
import io.edgegateway.daemon.Gateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --config FILE}: the daemon, until SIGTERM/SIGINT; SIGHUP reloads FILE live ({@link
 * ReloadSignal}).
 *
 * <p>SIGTERM and SIGINT are trapped ({@link TerminationSignals}): the main thread stops the gateway
 * in order (intake first, every open batch sealed into the queue, the backlog delivered until
 * {@code --drain-timeout}, the rest left queued) and the process exits 0. A stop requested while
 * the gateway is still starting takes effect as soon as the start returns. Any other JVM shutdown
 * (a signal not trapped, {@code System.exit} elsewhere) runs a hook that requests the same stop and
 * holds the JVM until it is done.
 */
@Command(name = "run", description = "Run the gateway daemon (what systemd runs).")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  /**
   * How long a JVM shutdown not caused by SIGTERM/SIGINT waits for the stop: longer than any stop
   * takes (drain timeout + uplink close + joins); systemd's TimeoutStopSec bounds it anyway.
   */
  private static final Duration STOP_HOOK_TIMEOUT = Duration.ofMinutes(5);

  @Spec CommandSpec spec;

  @Mixin ConsoleLogging logging;

  @Option(names = "--config", required = true, description = "YAML config file")
  Path config;

  @Option(
      names = "--drain-timeout",
      defaultValue = "10s",
      description = "How long shutdown keeps uploading the backlog (default: ${DEFAULT-VALUE})")
  String drainTimeout;

  @Override
  public Integer call() throws InterruptedException {
    try (ConsoleLogging.Restore level = logging.apply()) {
      return run();
    }
  }

  private int run() throws InterruptedException {
    try (StopSignal stop = StopSignal.install("eg-shutdown", STOP_HOOK_TIMEOUT, null);
        TerminationSignals signals = TerminationSignals.trap(stop::request)) {
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
      if (stop.requested()) {
        return 0; // stopped before anything was started
      }
      Gateway gateway;
      try {
        gateway = Gateway.start(snapshot, Clock.system(), drain);
      } catch (RuntimeException e) {
        log.error("cannot start: {}", e.getMessage());
        return EdgeGatewayCli.EXIT_FAILURE;
      }
      ReloadSignal.install(gateway::requestReload);
      try {
        stop.awaitRequest();
      } finally {
        gateway.close();
      }
      return 0;
    }
  }
}
