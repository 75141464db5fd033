package io.edgegateway.daemon;

import io.edgegateway.core.port.Bus;
import io.edgegateway.ros2.FastDdsBus;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path's own DDS participants, joined on first use: {@code edge_gateway_fastpath} on the
 * gateway's domain (so its listener threads never carry telemetry) and {@code
 * edge_gateway_relay_<D>} on each target domain D.
 */
final class FastPathBuses implements AutoCloseable {
  private final int domainId;
  private final List<InetAddress> peers;
  private final Map<Integer, Bus> byDomain = new LinkedHashMap<>();

  FastPathBuses(int domainId, List<InetAddress> peers) {
    this.domainId = domainId;
    this.peers = peers;
  }

  /** The participant on the gateway's own domain. */
  Bus source() {
    return on(domainId);
  }

  /** The participant on {@code domain}, joined now if this is its first use. */
  Bus on(int domain) {
    return byDomain.computeIfAbsent(
        domain,
        d ->
            FastDdsBus.join(
                new FastDdsBus.Options(
                    d,
                    d == domainId ? "edge_gateway_fastpath" : "edge_gateway_relay_" + d,
                    peers,
                    false,
                    false)));
  }

  /** Whether any participant was joined. */
  boolean isEmpty() {
    return byDomain.isEmpty();
  }

  /** Leaves every participant, in the order they were joined. */
  @Override
  public void close() {
    byDomain.values().forEach(Bus::close);
  }
}
