package io.edgegateway.daemon;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.fastpath.FastPath;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.uplink.UplinkTls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the readiness ({@code /readyz}) and the status ({@code /v1/status}) of a running gateway
 * from its components. Every read is cheap: counters, snapshots the pipeline keeps, flags.
 */
final class StatusReader {
  private final ConfigStateRef config;
  private final String instanceId;
  private final Clock clock;
  private final long startedAtMillis;
  private final Bus bus;
  private final ConfiguredSubscriptions subscriptions;
  private final ControlRelays relays;
  private final DiscoveryHookup discovery;
  private final TelemetryPipeline pipeline;
  private final SqliteDurableQueue queue;
  private final Uplink uplink;
  private final Optional<UplinkTls> tls;
  private final Supplier<ClockStatus> clockStatus;

  StatusReader(
      ConfigStateRef config,
      String instanceId,
      Clock clock,
      long startedAtMillis,
      Bus bus,
      ConfiguredSubscriptions subscriptions,
      ControlRelays relays,
      DiscoveryHookup discovery,
      TelemetryPipeline pipeline,
      SqliteDurableQueue queue,
      Uplink uplink,
      Optional<UplinkTls> tls,
      Supplier<ClockStatus> clockStatus) {
    this.tls = tls;
    this.clockStatus = clockStatus;
    this.config = config;
    this.instanceId = instanceId;
    this.clock = clock;
    this.startedAtMillis = startedAtMillis;
    this.bus = bus;
    this.subscriptions = subscriptions;
    this.relays = relays;
    this.discovery = discovery;
    this.pipeline = pipeline;
    this.queue = queue;
    this.uplink = uplink;
  }

  /** The config in effect, its generation and the last reload. */
  ConfigState config() {
    return config.get();
  }

  Readiness readiness() {
    return Readiness.of(bus.joined(), queue.diskFull(), uplink.state());
  }

  GatewayStatus status() {
    double uptimeSeconds = (clock.wallMillis() - startedAtMillis) / 1000.0;
    ConfigState cfg = config.get();
    return new GatewayStatus(
        cfg.config().gateway().robotId(),
        instanceId,
        uptimeSeconds,
        busStatus(),
        queueStatus(),
        uplink.state(),
        pipeline.intakeDepth(),
        fastPathStatus(),
        cfg,
        pipeline.ledger(),
        tls.map(
            t ->
                new GatewayStatus.TlsStatus(
                    t.certificateSubject(),
                    t.certificateNotAfter(),
                    t.rotations(),
                    t.reloadFailures(),
                    t.lastError())),
        clockStatus.get(),
        pipeline.budgetStatus());
  }

  private GatewayStatus.BusStatus busStatus() {
    List<String> topics = new ArrayList<>(subscriptions.topics());
    topics.addAll(relays.topics());
    topics.addAll(discovery.topics());
    return new GatewayStatus.BusStatus(
        bus.joined(),
        config.get().config().ros2().domainId(),
        List.copyOf(topics),
        discovery.state());
  }

  private GatewayStatus.QueueStatus queueStatus() {
    QueueStats s = pipeline.queueStats();
    double oldestAgeSeconds =
        s.oldestSealedAtMillis() == 0 ? 0 : (clock.wallMillis() - s.oldestSealedAtMillis()) / 1e3;
    return new GatewayStatus.QueueStatus(s, oldestAgeSeconds, queue.diskFull());
  }

  private GatewayStatus.FastPathStatus fastPathStatus() {
    FastPathThreads threads = relays.threads();
    FastPath fastPath = relays.fastPath();
    return new GatewayStatus.FastPathStatus(
        threads.scheduling(),
        threads.ids().size(),
        fastPath.relays().stream()
            .map(r -> new GatewayStatus.RelayStatus(r.topic(), r.relayed(), r.failed()))
            .toList());
  }
}
