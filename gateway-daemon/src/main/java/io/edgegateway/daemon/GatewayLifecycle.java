package io.edgegateway.daemon;

import io.edgegateway.buffer.MmapIntakeLedger;
import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.daemon.http.HttpServer;
import io.edgegateway.daemon.systemd.SystemdNotifier;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start and stop order of a gateway's components, and who stops what when start fails half way.
 *
 * <p>Start, one stage after the other (each method below is one stage; a stage out of order is a
 * wiring error): queue → intake ledger → uplink → pipeline (batcher and sender threads) → bus →
 * subscriptions made at start → topic discovery → control fast path → HTTP → systemd notifier
 * ({@code READY=1}: everything is up; then its watchdog and status pings).
 *
 * <p>Stop ({@link #stop}, idempotent): systemd notifier (pings stop, {@code STOPPING=1}) → HTTP →
 * bus intake (discovery, subscriptions, fast-path relays and their participants) → pipeline (seals
 * every open batch into the queue, stops the sender, delivers the backlog until the drain timeout)
 * → uplink (closes the Kafka producer, 5 s) → intake ledger → queue → bus → metrics registry. What
 * is not delivered by then stays in SQLite for the next start.
 *
 * <p>A start that fails ({@link #abortStart}) closes what was started so far: discovery → fast path
 * → bus → pipeline → uplink (1 s) → intake ledger → queue.
 */
final class GatewayLifecycle {
  // Gateway's logger: the lines keep the logger name they always had.
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final Duration UPLINK_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration UPLINK_CLOSE_TIMEOUT_AFTER_FAILED_START = Duration.ofSeconds(1);

  /** The start stages, in order. */
  enum Stage {
    NOTHING,
    QUEUE,
    LEDGER,
    UPLINK,
    PIPELINE,
    BUS,
    SUBSCRIPTIONS,
    DISCOVERY,
    FAST_PATH,
    HTTP,
    NOTIFY
  }

  private final PrometheusMeterRegistry registry;
  private Stage stage = Stage.NOTHING;
  private SqliteDurableQueue queue;
  private MmapIntakeLedger ledger;
  private Uplink uplink;
  private TelemetryPipeline pipeline;
  private Bus bus;
  private ConfiguredSubscriptions subscriptions;
  private DiscoveryHookup discovery;
  private ControlRelays fastPath;
  private HttpServer http;
  private SystemdNotifier notifier;
  private boolean stopped;

  /**
   * @param registry closed last on stop
   */
  GatewayLifecycle(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** Stage {@link Stage#QUEUE}: the durable queue, open. */
  synchronized SqliteDurableQueue queueOpened(SqliteDurableQueue queue) {
    advance(Stage.QUEUE);
    return this.queue = queue;
  }

  /** Stage {@link Stage#LEDGER}: the intake ledger, open. */
  synchronized MmapIntakeLedger ledgerOpened(MmapIntakeLedger ledger) {
    advance(Stage.LEDGER);
    return this.ledger = ledger;
  }

  /** Stage {@link Stage#UPLINK}: the uplink, created (its session starts in the background). */
  synchronized Uplink uplinkCreated(Uplink uplink) {
    advance(Stage.UPLINK);
    return this.uplink = uplink;
  }

  /** Stage {@link Stage#PIPELINE}: starts the pipeline's batcher and sender. */
  synchronized TelemetryPipeline startPipeline(TelemetryPipeline pipeline) {
    advance(Stage.PIPELINE);
    this.pipeline = pipeline;
    pipeline.start();
    return pipeline;
  }

  /** Stage {@link Stage#BUS}: the telemetry bus, joined. */
  synchronized Bus busJoined(Bus bus) {
    advance(Stage.BUS);
    return this.bus = bus;
  }

  /** Stage {@link Stage#SUBSCRIPTIONS}: the subscriptions made at start, made. */
  synchronized ConfiguredSubscriptions subscribed(ConfiguredSubscriptions subscriptions) {
    advance(Stage.SUBSCRIPTIONS);
    return this.subscriptions = subscriptions;
  }

  /** Stage {@link Stage#DISCOVERY}: starts topic discovery (if a rule needs it). */
  synchronized DiscoveryHookup startDiscovery(DiscoveryHookup discovery) {
    advance(Stage.DISCOVERY);
    this.discovery = discovery;
    discovery.start();
    return discovery;
  }

  /** Stage {@link Stage#FAST_PATH}: starts the control relays. */
  synchronized ControlRelays startFastPath(ControlRelays fastPath) {
    advance(Stage.FAST_PATH);
    this.fastPath = fastPath;
    fastPath.start();
    return fastPath;
  }

  /** Stage {@link Stage#HTTP}: starts the HTTP server, last. */
  synchronized HttpServer startHttp(Supplier<HttpServer> server) {
    advance(Stage.HTTP);
    return this.http = server.get();
  }

  /**
   * Stage {@link Stage#NOTIFY}: tells systemd the gateway is ready and starts the watchdog and
   * status pings, if systemd runs this process (nothing otherwise).
   */
  synchronized void startNotifier(Optional<SystemdNotifier> notifier) {
    advance(Stage.NOTIFY);
    notifier.ifPresent(
        n -> {
          this.notifier = n;
          n.ready();
        });
  }

  private void advance(Stage next) {
    if (stopped || next.ordinal() != stage.ordinal() + 1) {
      throw new IllegalStateException(
          "start stage : "
              + next
              + " (expected: "
              + (stopped ? "none, stopped" : "the stage after " + stage)
              + ")");
    }
    stage = next;
  }

  /** The stage reached so far. */
  synchronized Stage stage() {
    return stage;
  }

  /** Closes what a start that failed before {@link Stage#HTTP} had started, then allows no more. */
  synchronized void abortStart() {
    stopped = true;
    if (discovery != null) {
      discovery.close();
    }
    if (fastPath != null) {
      fastPath.close();
    }
    if (bus != null) {
      bus.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (uplink != null) {
      uplink.close(UPLINK_CLOSE_TIMEOUT_AFTER_FAILED_START);
    }
    if (ledger != null) {
      ledger.close();
    }
    if (queue != null) {
      queue.close();
    }
  }

  /** Stops everything in order; idempotent. Needs a start that got at least to the fast path. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    log.info("edge-gateway stopping");
    if (notifier != null) {
      notifier.stopping();
    }
    if (http != null) {
      http.close();
    }
    discovery.close();
    subscriptions.close();
    fastPath.close();
    pipeline.close();
    uplink.close(UPLINK_CLOSE_TIMEOUT);
    ledger.close();
    queue.close();
    bus.close();
    registry.close();
    log.info("edge-gateway stopped");
  }
}
