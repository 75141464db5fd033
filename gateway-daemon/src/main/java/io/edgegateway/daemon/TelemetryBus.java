package io.edgegateway.daemon;

import io.edgegateway.core.config.Ros2Settings;
import io.edgegateway.core.metrics.DdsLossCounters;
import io.edgegateway.ros2.FastDdsBus;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.List;

/**
 * Joins the telemetry DDS participant as the {@code ros2} section describes it: the domain, the
 * discovery peers, the socket buffer sizes ({@code ros2.socket_buffer_bytes}), Fast-DDS shared
 * memory for same-host Fast-DDS peers ({@code ros2.shared_memory}), and samples lost inside DDS
 * counted into {@code gateway_dds_lost_samples_total{topic,reason}}.
 */
final class TelemetryBus {
  private TelemetryBus() {}

  static FastDdsBus join(Ros2Settings ros2, List<InetAddress> peers, MeterRegistry registry) {
    return FastDdsBus.join(
        new FastDdsBus.Options(ros2.domainId(), "edge_gateway", peers, false, ros2.sharedMemory())
            .withSocketBufferBytes(ros2.socketBufferBytes()),
        new DdsLossCounters(registry));
  }
}
