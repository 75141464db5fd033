package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.metrics.HeaderSkew;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Recording a header stamp's skew on the bus thread allocates nothing, with the registry the daemon
 * exports from (Prometheus): measured with the JVM's per-thread allocation counter.
 */
class HeaderSkewAllocationTest {
  private static final long NOW = 1_765_000_000_000_000_000L;

  private static byte[] stamped(long stampNs) {
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0, 1, 0, 0});
    b.putInt((int) (stampNs / 1_000_000_000L)).putInt((int) (stampNs % 1_000_000_000L));
    return b.array();
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static void record(HeaderSkew skew, byte[][] samples, int n) {
    for (int i = 0; i < n; i++) {
      skew.record(samples[i % samples.length], NOW + i);
    }
  }

  @Test
  void recordingSkew_allocatesNothingPerSample() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HeaderSkew skew = new GatewayMetrics(registry).headerSkew("/imu");
    byte[][] samples = {
      stamped(NOW - 2_500_000_000L), stamped(NOW - 1_000_000L), stamped(NOW + 300_000_000L)
    };
    record(skew, samples, 200_000); // warm up: JIT, histogram rotation
    long before = allocatedByThisThread();
    record(skew, samples, 1_000_000);
    long allocated = allocatedByThisThread() - before;

    assertThat(allocated)
        .as("bytes allocated for 1,000,000 samples (the counter itself costs a few bytes)")
        .isLessThan(64 * 1024);
    assertThat(registry.scrape()).contains("gateway_clock_skew_seconds_bucket");
  }
}
