package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** SIGTERM/SIGINT become a stop request while trapped; closing puts the JVM's handlers back. */
class TerminationSignalsTest {
  private static SignalHandler current(String name) {
    Signal s = new Signal(name);
    SignalHandler h = Signal.handle(s, SignalHandler.SIG_DFL);
    Signal.handle(s, h);
    return h;
  }

  @Test
  void aTrappedSigtermOrSigintRequestsTheStop_andCloseRestoresTheHandlers() {
    SignalHandler term = current("TERM");
    SignalHandler interrupt = current("INT");
    AtomicInteger stops = new AtomicInteger();
    try (TerminationSignals trapped = TerminationSignals.trap(stops::incrementAndGet)) {
      Signal.raise(new Signal("TERM")); // the JVM keeps running: it is only a request
      await().atMost(Duration.ofSeconds(5)).until(() -> stops.get() == 1);
      Signal.raise(new Signal("INT"));
      await().atMost(Duration.ofSeconds(5)).until(() -> stops.get() == 2);
    }
    // sun.misc wraps the JVM's handler anew each time; its text names the handler inside
    assertThat(current("TERM")).hasToString(term.toString());
    assertThat(current("INT")).hasToString(interrupt.toString());
  }
}
