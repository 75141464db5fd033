package io.edgegateway.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fast-path relay counters keep reporting after garbage collections. */
class GatewayMetricsRelayTest {

  @Test
  void relayCountersSurviveGarbageCollection() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GatewayMetrics metrics = new GatewayMetrics(registry);
    AtomicLong relayed = new AtomicLong(41);
    AtomicLong failed = new AtomicLong(2);
    // Method references nobody else holds, as the daemon passes them.
    metrics.bindFastPathRelay("/joint_commands", relayed::get, failed::get);
    relayed.incrementAndGet();

    WeakReference<Object> probe = new WeakReference<>(new Object());
    for (int i = 0; i < 20 && probe.get() != null; i++) {
      System.gc();
    }
    assertThat(probe.get()).as("a collection ran").isNull();

    assertThat(count(registry, "ok")).isEqualTo(42.0);
    assertThat(count(registry, "failed")).isEqualTo(2.0);
  }

  private static double count(SimpleMeterRegistry registry, String outcome) {
    return registry
        .get("gateway.fastpath.relayed")
        .tag("topic", "/joint_commands")
        .tag("outcome", outcome)
        .functionCounter()
        .count();
  }
}
