package io.edgegateway.daemon.cli;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP (what systemd's {@code ExecReload=/bin/kill -HUP $MAINPID} sends) asks the running gateway
 * to reload its config file. The handler only hands the request on (it returns at once; the reload
 * runs on the gateway's reload thread and a burst of signals coalesces there).
 */
final class ReloadSignal {
  private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

  private ReloadSignal() {}

  /** Installs the handler; {@code reload} gets the cause {@code "SIGHUP"}. */
  static void install(Consumer<String> reload) {
    try {
      Signal.handle(new Signal("HUP"), sig -> reload.accept("SIGHUP"));
    } catch (IllegalArgumentException e) {
      // The JVM runs with -Xrs or the platform has no SIGHUP: reload over HTTP only.
      log.warn("SIGHUP cannot be handled here ({}); reload with POST /v1/reload", e.getMessage());
    }
  }
}
