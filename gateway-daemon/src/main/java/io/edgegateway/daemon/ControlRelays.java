package io.edgegateway.daemon;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.Ros2Settings;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.fastpath.FastPath;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.sampling.Sampler;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control fast path as configured: one relay per {@code class: control} rule on the {@link
 * FastPath}, on participants of its own ({@link FastPathBuses}) whose threads get a raised priority
 * ({@link FastPathPriority}), with the optional mirror into telemetry.
 */
final class ControlRelays implements AutoCloseable {
  // Gateway's logger: the line keeps the logger name it always had.
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final int MIRROR_CAPACITY = 4096;

  private final Ros2Settings ros2;
  private final TelemetryHandlers mirrors;
  private final FastPathPriority priority;
  private final FastPath fastPath;
  private final FastPathBuses buses;
  private final List<String> topics = new ArrayList<>();
  private volatile FastPathThreads threads = FastPathThreads.NOT_RAISED;

  /**
   * @param mirrors the telemetry handlers that mirrored samples go to
   */
  ControlRelays(
      Ros2Settings ros2,
      List<InetAddress> peers,
      Clock clock,
      GatewayMetrics metrics,
      TelemetryHandlers mirrors) {
    this.ros2 = ros2;
    this.mirrors = mirrors;
    this.priority = FastPathPriority.before();
    this.fastPath = new FastPath(clock, metrics, MIRROR_CAPACITY);
    this.buses = new FastPathBuses(ros2.domainId(), peers);
  }

  /** Relays every control rule, raises the priority of the relays' threads, starts the mirror. */
  void start() {
    for (TopicRule rule : ros2.topics()) {
      relay(rule);
    }
    threads = priority.raise(!buses.isEmpty(), ros2.fastPathScheduling());
    fastPath.start();
  }

  /**
   * Relays a control rule: from the fast path's participant on the source domain to the one on
   * {@code relay.to_domain} (or the same one, for {@code relay.to_topic}).
   */
  private void relay(TopicRule rule) {
    if (rule.trafficClass() != TrafficClass.CONTROL) {
      return;
    }
    String match = rule.match().toString();
    if (!rule.match().isExact() || rule.type().isEmpty()) {
      log.warn(
          "rule {}: control relay needs an exact match and a type in this version; not relayed",
          match);
      return;
    }
    Bus source = buses.source();
    Bus target =
        rule.relay().get().toDomain().isPresent()
            ? buses.on(rule.relay().get().toDomain().getAsInt())
            : source;
    @Nullable SampleHandler mirrorSink =
        rule.mirror().isPresent()
            ? mirrors.forTopic(match, rule.type().get(), rule, Sampler.keepAll())
            : null;
    fastPath.relay(rule, source, target, mirrorSink);
    topics.add(match);
  }

  /** The control fast path (relays, mirror, latency). */
  FastPath fastPath() {
    return fastPath;
  }

  /** The relayed topics, in rule order. */
  List<String> topics() {
    return List.copyOf(topics);
  }

  /** How the relays' threads were scheduled at start. */
  FastPathThreads threads() {
    return threads;
  }

  /** Closes the relays and the mirror, then leaves the fast path's participants. */
  @Override
  public void close() {
    fastPath.close();
    buses.close();
  }
}
