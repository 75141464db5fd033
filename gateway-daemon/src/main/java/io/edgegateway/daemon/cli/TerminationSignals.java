package io.edgegateway.daemon.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a stop request instead of the JVM's default (run the shutdown hooks and
 * exit 143/130): the daemon stops in order on its main thread and exits 0, which is what systemd
 * expects of a clean stop. {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's
 * only way to handle a signal.
 */
final class TerminationSignals {
  private TerminationSignals() {}

  /** From now on SIGTERM and SIGINT run {@code onStop} (on a JVM signal thread; keep it short). */
  static void trap(Runnable onStop) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), s -> onStop.run());
    }
  }
}
