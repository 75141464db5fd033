package io.edgegateway.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.buffer.MmapIntakeLedger;
import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.budget.UplinkBudget;
import io.edgegateway.core.capture.CaptureSink;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.config.FastPathScheduling;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.fastpath.FastPath;
import io.edgegateway.core.metrics.CaptureMetrics;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.metrics.HostMetrics;
import io.edgegateway.core.metrics.LimitGauges;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.daemon.host.ClockHealthMonitor;
import io.edgegateway.daemon.host.HostMeters;
import io.edgegateway.daemon.http.HttpAccess;
import io.edgegateway.daemon.http.HttpServer;
import io.edgegateway.daemon.systemd.StatusLine;
import io.edgegateway.daemon.systemd.SystemdNotifier;
import io.edgegateway.ros2.msg.CdrFieldCatalog;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.uplink.KafkaUplink;
import io.edgegateway.uplink.SaslCredentials;
import io.edgegateway.uplink.UplinkTls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: the composition root that builds the bus, the durable queue, the uplink, the
 * telemetry pipeline, the control fast path and the HTTP server and connects them, in the order the
 * data flows (docs/architecture.md). {@link GatewayLifecycle} owns the start and stop order.
 *
 * <p>Start: queue → uplink → pipeline → bus subscriptions → reloads → HTTP → {@code READY=1} to
 * systemd. Stop: {@code STOPPING=1} → reloads → HTTP → bus intake → pipeline drain (seal batches,
 * deliver backlog until the deadline) → uplink → queue → bus.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final int ZSTD_LEVEL = 3;

  private final String instanceId = UUID.randomUUID().toString();
  private final PrometheusMeterRegistry registry;
  private final GatewayLifecycle lifecycle;
  private final Uplink uplink;
  private final SaslCredentials sasl; // rotated by a reload that changes only the secret
  private final TelemetryPipeline pipeline;
  private final ConfiguredSubscriptions subscriptions;
  private final ControlRelays controlRelays;
  private final StatusReader status;
  private final ConfigStateRef configState;
  private final Optional<ReloadCoordinator> reloads;
  private final Optional<CaptureService> capture;
  private final GatewayAudit audit;
  private @Nullable HttpServer http;

  private Gateway(
      GatewayConfig config,
      Optional<Path> file,
      String sha256,
      Clock clock,
      Duration drainTimeout) {
    List<InetAddress> peers = PeerAddresses.resolve(config.ros2().peers());
    long startedAtMillis = clock.wallMillis();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.lifecycle = new GatewayLifecycle(registry);
    GatewayMetrics metrics = new GatewayMetrics(registry);
    HostMetrics host = new HostMetrics(registry);
    HostMeters.bind(host);
    this.configState =
        new ConfigStateRef(ConfigState.initial(config, file, sha256, startedAtMillis));
    ReloadMetrics reloadMetrics = new ReloadMetrics(registry, () -> configState.get().generation());
    var g = config.gateway();
    // the durable queue, and the uplink that empties it
    SqliteDurableQueue queue;
    ClockHealthMonitor clockHealth;
    try {
      queue =
          lifecycle.queueOpened(
              SqliteDurableQueue.open(
                  g.dataDir(),
                  config.buffer().maxBytes(),
                  config.buffer().durability(),
                  config.buffer().ttl(),
                  clock));
      // after the queue, which holds the data_dir lock: no second gateway reads a log being written
      this.audit = GatewayAudit.open(config, clock, registry);
      audit.file().ifPresent(lifecycle::auditOpened);
      // the wall clock's health, in every batch and /v1/status; its jumps in the audit log
      clockHealth = lifecycle.clockStarted(ClockHealthMonitor.create(clock, host, audit.log()));
    } catch (RuntimeException e) {
      lifecycle.abortStart();
      throw e;
    }
    metrics.bindQueueDiskFull(queue::diskFull);
    audit.queueOpened(queue, g.dataDir());
    LimitGauges limits = new LimitGauges(registry);
    // the limits in effect: a reload can change them (ConfigReloader)
    limits.bindQueueLimits(
        () -> configState.get().config().buffer().maxBytes(),
        () -> configState.get().config().buffer().ttl());
    try {
      MmapIntakeLedger ledger = lifecycle.ledgerOpened(MmapIntakeLedger.open(g.dataDir(), clock));
      StreamEncodings encodings = StreamEncodings.of(config.uplink(), g.dataDir());
      var kafka = config.uplink().kafka();
      this.sasl = SaslCredentials.of(kafka.sasl());
      KafkaUplink kafkaUplink =
          KafkaUplink.create(
              g.robotId(),
              kafka.bootstrapServers(),
              kafka.properties(),
              StreamTopics.of(config.uplink()),
              config.uplink().checkpointTopic(),
              encodings.dictionaryTopic(config.uplink()),
              encodings.dictionaries(),
              kafka.tls(),
              sasl);
      this.uplink = lifecycle.uplinkCreated(kafkaUplink);
      Optional<UplinkTls> tls = kafkaUplink.tls();
      tls.ifPresent(t -> TlsMetrics.register(registry, t, clock::wallMillis));
      tls.ifPresent(audit::watch);
      audit.upload(config, sasl, tls).ifPresent(lifecycle::auditUploadStarted);
      Uplink link = this.uplink;
      limits.bindUplinkConnected(() -> link.state() == Uplink.UplinkState.CONNECTED);
      // field metrics; the pipeline: batching into the queue, delivery to the uplink
      MessageRegistry messages =
          MessageRegistry.load(config.ros2().distro(), config.ros2().messagePaths());
      FieldReaders fields = new FieldReaders(CdrFieldCatalog.of(messages));
      FieldGauges gauges = FieldGauges.register(config, fields, metrics);
      BatchCodec codec =
          new BatchCodec(
              g.robotId(),
              instanceId,
              RunLineage.of(g.lineage()),
              ZSTD_LEVEL,
              messages::fullDefinitionTextOrEmpty,
              encodings::forStream,
              clockHealth::status);
      this.pipeline =
          lifecycle.startPipeline(
              new TelemetryPipeline(
                  PipelineSettings.of(config.buffer(), drainTimeout),
                  codec,
                  queue,
                  uplink,
                  clock,
                  metrics,
                  config.uplink().streams().keySet(),
                  ledger,
                  type -> messages.startsWithHeader(type.toString()),
                  UplinkBudget.of(config.uplink().budget(), clock)));
      // incident capture: every sample of a captured topic, before sampling, into the ring
      this.capture =
          lifecycle.captureStarted(
              CaptureService.start(
                  config.capture(),
                  g.dataDir(),
                  CdrFieldCatalog.of(messages),
                  new CaptureMetrics(registry),
                  clock,
                  audit.log(),
                  CaptureService.Uploading.of(config, codec, queue, clock, pipeline)));
      // the bus: topics through their samplers (and field gauges) into the pipeline
      Bus bus = lifecycle.busJoined(TelemetryBus.join(config.ros2(), peers, registry));
      TopicSamplers samplers = new TopicSamplers(fields, metrics);
      TelemetryHandlers handlers =
          new TelemetryHandlers(
              pipeline, gauges, capture.<CaptureSink>map(c -> c).orElse(CaptureSink.none()));
      this.subscriptions =
          lifecycle.subscribed(
              ConfiguredSubscriptions.subscribe(config.ros2().topics(), bus, samplers, handlers));
      DiscoveryHookup discovery =
          lifecycle.startDiscovery(
              new DiscoveryHookup(
                  config.ros2(), peers, bus, samplers, handlers, messages, registry));
      // the control fast path beside it, mirroring into the telemetry handlers
      this.controlRelays =
          lifecycle.startFastPath(
              new ControlRelays(config.ros2(), peers, clock, metrics, handlers));
      // what /readyz and /v1/status report
      this.status =
          new StatusReader(
              configState,
              instanceId,
              clock,
              startedAtMillis,
              bus,
              subscriptions,
              controlRelays,
              discovery,
              pipeline,
              queue,
              uplink,
              tls,
              clockHealth::status);
      // live reload of the file, one at a time on eg-reload (SIGHUP, POST /v1/reload)
      SubscriptionsApplier applier = new SubscriptionsApplier(subscriptions, discovery);
      this.reloads =
          file.map(
              f ->
                  lifecycle.startReloads(
                      new ReloadCoordinator(
                          new ConfigReloader(
                                  f,
                                  configState,
                                  queue,
                                  applier,
                                  reloadMetrics,
                                  clock,
                                  audit.log(),
                                  new ConfigReloader.LiveHooks(
                                      () -> tls.ifPresent(UplinkTls::reload),
                                      sasl::rotate,
                                      pipeline.budget()::update))
                              ::reload)));
    } catch (RuntimeException e) {
      lifecycle.abortStart();
      throw e;
    }
  }

  /**
   * Starts a gateway for {@code config}.
   *
   * @param drainTimeout how long {@link #close} keeps delivering the backlog before leaving it
   *     queued for the next start
   */
  public static Gateway start(GatewayConfig config, Clock clock, Duration drainTimeout) {
    return start(config, Optional.empty(), "", clock, drainTimeout);
  }

  /**
   * Starts a gateway for the config of {@code file}, which it reloads live on {@link
   * #requestReload} (SIGHUP) and {@code POST /v1/reload}.
   *
   * @throws io.edgegateway.core.config.ConfigException when the snapshot is not valid
   */
  public static Gateway start(ConfigSnapshot file, Clock clock, Duration drainTimeout) {
    GatewayConfig config = file.result().orElseThrow();
    return start(config, Optional.of(file.file()), file.sha256(), clock, drainTimeout);
  }

  private static Gateway start(
      GatewayConfig config,
      Optional<Path> file,
      String sha256,
      Clock clock,
      Duration drainTimeout) {
    List<String> problems = unsupported(config);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    Gateway gw = new Gateway(config, file, sha256, clock, drainTimeout);
    try {
      gw.http =
          gw.lifecycle.startHttp(
              () ->
                  HttpServer.start(
                      config.http().host(),
                      config.http().port(),
                      new GatewayEndpoints(gw.registry, gw.status, gw.reloads, gw.capture),
                      // the auth in effect: a reload that changes http.auth applies to the next
                      // request; every 401 is audited
                      new HttpAccess(
                          () -> gw.configState.get().config().http().auth(),
                          gw.registry,
                          gw.audit.authFailures())));
      gw.lifecycle.startNotifier(
          SystemdNotifier.fromEnvironment(
              System.getenv(),
              clock,
              gw.pipeline.progress(),
              new StatusLine(clock, gw::received, gw::queueStats, gw::uplinkState)));
    } catch (RuntimeException e) {
      gw.close();
      throw e;
    }
    gw.audit.started(config, sha256, gw.instanceId);
    log.info(
        "edge-gateway {} started: robot {}, domain {}, {} subscriptions, data in {}",
        gw.instanceId,
        config.gateway().robotId(),
        config.ros2().domainId(),
        gw.subscriptions.size(),
        config.gateway().dataDir());
    return gw;
  }

  /**
   * Settings the loader accepts but this version cannot run, one message each; empty when the
   * config can run. {@link #start} refuses a config for which this is not empty.
   */
  public static List<String> unsupported(GatewayConfig config) {
    return new ArrayList<>();
  }

  /** True once the uplink reconciled with its committed checkpoints; for tests. */
  boolean uplinkReconciled() {
    return pipeline.uplinkReconciled();
  }

  /** Tells {@code listener} of every batch the uplink acknowledges from now on; for tests. */
  void addDeliveryListener(io.edgegateway.core.port.DeliveryListener listener) {
    pipeline.addDeliveryListener(listener);
  }

  /** How the fast path's threads were scheduled at start: FIFO, NICE, or NONE if not raised. */
  FastPathScheduling fastPathScheduled() {
    return controlRelays.threads().scheduling();
  }

  /** Thread ids whose priority was raised at start; empty if that was not permitted. */
  Set<Long> fastPathThreads() {
    return controlRelays.threads().ids();
  }

  /** The control fast path (relays, mirror, latency). */
  public FastPath fastPath() {
    return controlRelays.fastPath();
  }

  /** Incident capture; empty when the config turns it off. */
  Optional<CaptureService> capture() {
    return capture;
  }

  /** The bound HTTP port. */
  public int httpPort() {
    return Objects.requireNonNull(http, "HTTP server not started").port();
  }

  /** The metrics registry, for status displays. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Samples received from the bus so far, all topics. */
  private long received() {
    return (long)
        registry.find("gateway.bus.messages.received").counters().stream()
            .mapToDouble(Counter::count)
            .sum();
  }

  /** The latest queue snapshot. */
  public QueueStats queueStats() {
    return pipeline.queueStats();
  }

  /** Current uplink state. */
  public Uplink.UplinkState uplinkState() {
    return uplink.state();
  }

  /**
   * Asks for a reload of the config file (what SIGHUP does); returns at once, the reload runs on
   * {@code eg-reload} and coalesces with one not yet started. No-op without a file.
   *
   * @param cause who asked, for the log line
   */
  public void requestReload(String cause) {
    reloads.ifPresent(r -> r.request(cause));
  }

  /** The {@code /v1/status} document. */
  public ObjectNode status() {
    return StatusJson.of(status.status());
  }

  /** Stops everything in order ({@link GatewayLifecycle}); idempotent. */
  @Override
  public void close() {
    lifecycle.stop();
  }
}
