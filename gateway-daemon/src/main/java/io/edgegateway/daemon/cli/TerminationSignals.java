package io.edgegateway.daemon.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT as a stop request instead of the JVM's default (run the shutdown hooks and
 * exit 143/130): the daemon stops in order on its main thread and exits 0, which is what systemd
 * expects of a clean stop. {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's
 * only way to handle a signal. Closing puts the previous handlers back (for a command run inside a
 * JVM that goes on, such as a test's).
 */
final class TerminationSignals implements AutoCloseable {
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  private TerminationSignals() {}

  /** From now on SIGTERM and SIGINT run {@code onStop} (on a JVM signal thread; keep it short). */
  static TerminationSignals trap(Runnable onStop) {
    TerminationSignals t = new TerminationSignals();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal signal = new Signal(name);
      t.previous.put(signal, Signal.handle(signal, s -> onStop.run()));
    }
    return t;
  }

  /** Restores the handlers that were there before {@link #trap}. */
  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
