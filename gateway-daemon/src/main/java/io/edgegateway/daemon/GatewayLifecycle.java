package io.edgegateway.daemon;

import io.edgegateway.buffer.MmapIntakeLedger;
import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.FileAuditLog;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.daemon.host.ClockHealthMonitor;
import io.edgegateway.daemon.http.HttpServer;
import io.edgegateway.daemon.systemd.SystemdNotifier;
import io.edgegateway.uplink.AuditUploader;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start and stop order of a gateway's components, and who stops what when start fails half way.
 *
 * <p>Start, one stage after the other (each method below is one stage; a stage out of order is a
 * wiring error): queue → intake ledger → uplink → pipeline (batcher and sender threads) → bus →
 * subscriptions made at start → topic discovery → control fast path → reload thread (with a config
 * file) → HTTP → systemd notifier ({@code READY=1}: everything is up; then its watchdog and status
 * pings).
 *
 * <p>Stop ({@link #stop}, idempotent): systemd notifier (pings stop, {@code STOPPING=1}) → reload
 * thread (a running reload finishes) → HTTP → bus intake (discovery, subscriptions, fast-path
 * relays and their participants) → capture (when on) → pipeline (seals every open batch into the
 * queue, stops the sender, delivers the backlog until the drain timeout) → uplink (closes the Kafka
 * producer, 5 s) → intake ledger → queue → bus → clock monitor → audit log ({@code stop}, a
 * checkpoint, fsync) → audit upload (one last upload of what the log holds, 3 s at most) → metrics
 * registry. What is not delivered by then stays in SQLite for the next start.
 *
 * <p>A start that fails ({@link #abortStart}) closes what was started so far: discovery → fast path
 * → bus → pipeline → uplink (1 s) → intake ledger → queue.
 */
final class GatewayLifecycle {
  // Gateway's logger: the lines keep the logger name they always had.
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final Duration UPLINK_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration UPLINK_CLOSE_TIMEOUT_AFTER_FAILED_START = Duration.ofSeconds(1);
  private static final Duration AUDIT_FINAL_UPLOAD = Duration.ofSeconds(3);

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
    RELOADS,
    HTTP,
    NOTIFY
  }

  private final PrometheusMeterRegistry registry;
  private Stage stage = Stage.NOTHING;
  private @Nullable SqliteDurableQueue queue;
  private @Nullable MmapIntakeLedger ledger;
  private @Nullable Uplink uplink;
  private @Nullable TelemetryPipeline pipeline;
  private @Nullable CaptureService capture; // null when capture is off
  private @Nullable Bus bus;
  private @Nullable ConfiguredSubscriptions subscriptions;
  private @Nullable DiscoveryHookup discovery;
  private @Nullable ControlRelays fastPath;
  private @Nullable ReloadCoordinator reloads; // null for a gateway without a config file
  private @Nullable HttpServer http;
  private @Nullable SystemdNotifier notifier;
  private @Nullable FileAuditLog audit; // opened before the stages, closed after them
  private @Nullable AuditUploader auditUpload;
  private @Nullable ClockHealthMonitor clock; // started after the audit log, stopped before it
  private boolean stopped;

  /**
   * @param registry closed last on stop
   */
  GatewayLifecycle(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * The audit log, opened right after the queue (whose data_dir lock it needs); {@link #stop}
   * records {@code stop} and closes it after everything else (its final checkpoint is the last
   * record).
   */
  synchronized FileAuditLog auditOpened(FileAuditLog audit) {
    if (stage != Stage.QUEUE || this.audit != null) {
      throw new IllegalStateException("audit log : opened after " + stage);
    }
    this.audit = audit;
    return audit;
  }

  /** The audit log's uploader, started with the uplink; stopped after the audit log closed. */
  synchronized AuditUploader auditUploadStarted(AuditUploader upload) {
    this.auditUpload = upload;
    return upload;
  }

  /**
   * Starts the clock monitor's {@code eg-clock} thread, right after the audit log it writes {@code
   * clock_jump} to; {@link #stop} stops it after the pipeline sealed its last batches.
   */
  synchronized ClockHealthMonitor clockStarted(ClockHealthMonitor monitor) {
    if (stage != Stage.QUEUE || this.clock != null) {
      monitor.close();
      throw new IllegalStateException("clock monitor : started after " + stage);
    }
    this.clock = monitor;
    monitor.start();
    return monitor;
  }

  /** Stage {@link Stage#QUEUE}: the durable queue, open. */
  synchronized SqliteDurableQueue queueOpened(SqliteDurableQueue queue) {
    advance(Stage.QUEUE);
    this.queue = queue;
    return queue;
  }

  /** Stage {@link Stage#LEDGER}: the intake ledger, open. */
  synchronized MmapIntakeLedger ledgerOpened(MmapIntakeLedger ledger) {
    advance(Stage.LEDGER);
    this.ledger = ledger;
    return ledger;
  }

  /** Stage {@link Stage#UPLINK}: the uplink, created (its session starts in the background). */
  synchronized Uplink uplinkCreated(Uplink uplink) {
    advance(Stage.UPLINK);
    this.uplink = uplink;
    return uplink;
  }

  /** Stage {@link Stage#PIPELINE}: starts the pipeline's batcher and sender. */
  synchronized TelemetryPipeline startPipeline(TelemetryPipeline pipeline) {
    advance(Stage.PIPELINE);
    this.pipeline = pipeline;
    pipeline.start();
    return pipeline;
  }

  /**
   * Part of stage {@link Stage#PIPELINE}: incident capture, started (when the config turns it on);
   * stopped after the bus intake and before the pipeline.
   */
  synchronized Optional<CaptureService> captureStarted(Optional<CaptureService> capture) {
    if (stopped || stage != Stage.PIPELINE) {
      capture.ifPresent(CaptureService::close);
      throw new IllegalStateException("capture : started at " + stage + " (expected: PIPELINE)");
    }
    this.capture = capture.orElse(null);
    return capture;
  }

  /** Stage {@link Stage#BUS}: the telemetry bus, joined. */
  synchronized Bus busJoined(Bus bus) {
    advance(Stage.BUS);
    this.bus = bus;
    return bus;
  }

  /** Stage {@link Stage#SUBSCRIPTIONS}: the subscriptions made at start, made. */
  synchronized ConfiguredSubscriptions subscribed(ConfiguredSubscriptions subscriptions) {
    advance(Stage.SUBSCRIPTIONS);
    this.subscriptions = subscriptions;
    return subscriptions;
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

  /** Stage {@link Stage#RELOADS}: starts the reload thread (only with a config file). */
  synchronized ReloadCoordinator startReloads(ReloadCoordinator reloads) {
    advance(Stage.RELOADS);
    this.reloads = reloads;
    reloads.start();
    return reloads;
  }

  /** Stage {@link Stage#HTTP}: starts the HTTP server, last. */
  synchronized HttpServer startHttp(Supplier<HttpServer> server) {
    if (stage == Stage.FAST_PATH) {
      stage = Stage.RELOADS; // no file, no reloads
    }
    advance(Stage.HTTP);
    HttpServer started = server.get();
    this.http = started;
    return started;
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
    if (reloads != null) {
      reloads.close();
    }
    if (discovery != null) {
      discovery.close();
    }
    if (fastPath != null) {
      fastPath.close();
    }
    if (bus != null) {
      bus.close();
    }
    if (capture != null) {
      capture.close();
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
    if (clock != null) {
      clock.close();
    }
    if (auditUpload != null) {
      auditUpload.close();
    }
    if (audit != null) {
      audit.close();
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
    if (reloads != null) {
      reloads.close(); // a running reload finishes first; none starts after
    }
    if (http != null) {
      http.close();
    }
    started(discovery, Stage.DISCOVERY).close();
    started(subscriptions, Stage.SUBSCRIPTIONS).close();
    started(fastPath, Stage.FAST_PATH).close();
    if (capture != null) {
      capture.close(); // writes what is queued into the ring; recording incidents stay recording
    }
    started(pipeline, Stage.PIPELINE).close();
    started(uplink, Stage.UPLINK).close(UPLINK_CLOSE_TIMEOUT);
    started(ledger, Stage.LEDGER).close();
    started(queue, Stage.QUEUE).close();
    started(bus, Stage.BUS).close();
    if (clock != null) {
      clock.close();
    }
    if (audit != null) {
      audit.append(AuditKind.STOP, "daemon", Map.of());
      audit.close();
    }
    if (auditUpload != null) {
      // the stop record and last checkpoint, if the broker takes them in time; else at next start
      auditUpload.close(AUDIT_FINAL_UPLOAD);
    }
    registry.close();
    log.info("edge-gateway stopped");
  }

  /** The component of {@code stage}, which {@link #stop} needs started. */
  private static <T> T started(@Nullable T component, Stage stage) {
    return Objects.requireNonNull(component, () -> "stop before start reached " + stage);
  }
}
