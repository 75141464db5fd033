package io.edgegateway.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.port.QueueStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GatewayMetricsQueueTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<QueueStats> stats =
      new AtomicReference<>(new QueueStats(0, 0, 0, Map.of(), Map.of()));

  @Test
  void evictionsAreCountedPerStreamAndReason() {
    new GatewayMetrics(registry).bindQueue(stats::get, () -> 0L, List.of("telemetry", "video"));
    stats.set(
        new QueueStats(
            1,
            10,
            5,
            Map.of(
                "telemetry",
                new QueueStats.StreamStats(1, 10, 5, 9, Map.of("quota", 3L, "disk_full", 2L))),
            Map.of("quota", 3L, "disk_full", 2L),
            1));

    assertThat(evicted("telemetry", "quota")).isEqualTo(3);
    assertThat(evicted("telemetry", "disk_full")).isEqualTo(2);
    assertThat(evicted("telemetry", "ttl")).isZero();
    assertThat(evicted("video", "quota")).isZero();
    assertThat(registry.find("gateway.queue.evicted.batches").tag("stream", "all").meters())
        .isEmpty();
    assertThat(registry.get("gateway.queue.quarantined").functionCounter().count()).isEqualTo(1);
  }

  private double evicted(String stream, String reason) {
    return registry
        .get("gateway.queue.evicted.batches")
        .tag("stream", stream)
        .tag("reason", reason)
        .functionCounter()
        .count();
  }
}
