package io.edgegateway.daemon;

import io.edgegateway.buffer.capture.DiskCaptureRing;
import io.edgegateway.buffer.capture.SqliteIncidentStore;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.capture.CaptureSink;
import io.edgegateway.core.capture.CaptureWindow;
import io.edgegateway.core.capture.Incident;
import io.edgegateway.core.capture.IncidentStore;
import io.edgegateway.core.capture.IncidentTracker;
import io.edgegateway.core.capture.IncidentUpload;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.config.CaptureSettings;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.TriggerSettings;
import io.edgegateway.core.config.UplinkSettings;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.metrics.CaptureMetrics;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DurableQueue;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incident capture as configured ({@code capture}): the {@link CaptureSink} the telemetry handlers
 * feed on the bus threads (a bounded queue: a full queue drops the sample and counts it, the bus
 * thread never waits), the capture thread {@code eg-capture} that writes the queue into the {@link
 * DiskCaptureRing} and tests the triggers on every sample, and the {@link IncidentDesk} that opens,
 * merges and seals incidents into the {@link SqliteIncidentStore}.
 *
 * <p>With {@link Uploading}, sealed incidents go to the priority upload ({@link IncidentUploads})
 * and the desk hears of acknowledged batches from the pipeline.
 *
 * <p>Start: store → ring → desk (resumes incidents left recording) → capture thread. Stop: capture
 * thread (writes what is queued) → desk → ring → store.
 */
final class CaptureService implements CaptureSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CaptureService.class);
  static final int QUEUE_CAPACITY = 1 << 16;

  /**
   * Payload bytes the queue holds at most: a sixteenth of the heap, 4–64 MiB (6 MiB on the default
   * 96 MiB heap, about a second of three full-rate cameras). In samples alone a queue of camera
   * frames behind a stalled disk could outgrow the heap.
   */
  static final long QUEUE_MAX_BYTES =
      Math.min(64L << 20, Math.max(4L << 20, Runtime.getRuntime().maxMemory() / 16));

  private static final int DRAIN_MAX = 256;
  private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final CaptureSettings settings;
  private final CaptureMetrics metrics;
  private final Clock clock;
  private final ArrayBlockingQueue<Envelope> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Map<String, Counter> queueFull = new ConcurrentHashMap<>();
  private final Map<String, Counter> ioErrors = new ConcurrentHashMap<>();
  private final SqliteIncidentStore store;
  private final DiskCaptureRing ring;
  private final CaptureTriggers triggers;
  private final IncidentDesk desk;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long writtenNs;
  private volatile boolean draining;
  private boolean triggerFailureLogged;

  /**
   * The priority upload of incidents: where their batches are queued and the pipeline that sends
   * them (its reconciliation and acknowledgements).
   */
  record Uploading(IncidentUpload upload, TelemetryPipeline pipeline) {
    /**
     * The priority upload of {@code config} to {@code uplink.streams.incidents}; null (incidents
     * stay on the robot, logged once) when the streams given leave that stream out.
     */
    static @Nullable Uploading of(
        GatewayConfig config,
        BatchCodec codec,
        DurableQueue queue,
        Clock clock,
        TelemetryPipeline pipeline) {
      String stream = UplinkSettings.INCIDENTS_STREAM;
      if (!config.uplink().streams().containsKey(stream)) {
        if (config.capture().enabled()) {
          log.warn(
              "uplink.streams has no stream {}: incidents are captured but stay on the robot",
              stream);
        }
        return null;
      }
      return new Uploading(
          new IncidentUpload(
              codec,
              queue,
              config.gateway().robotId(),
              stream,
              config.buffer().batch().maxBytes(),
              clock),
          pipeline);
    }
  }

  /** Opens the store and the ring; nothing runs until {@link #start}; no upload, no audit. */
  CaptureService(
      CaptureSettings settings,
      Path dataDir,
      FieldCatalog catalog,
      CaptureMetrics metrics,
      Clock clock) {
    this(settings, dataDir, catalog, metrics, clock, AuditLog.NONE, null);
  }

  /**
   * Opens the store and the ring; nothing runs until {@link #start}.
   *
   * @param uploading the priority upload, or null to keep incidents sealed on the robot
   */
  CaptureService(
      CaptureSettings settings,
      Path dataDir,
      FieldCatalog catalog,
      CaptureMetrics metrics,
      Clock clock,
      AuditLog audit,
      @Nullable Uploading uploading) {
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.store = SqliteIncidentStore.open(dataDir);
    try {
      this.ring =
          DiskCaptureRing.open(
              settings.ringDirectory(dataDir),
              settings.ringMaxBytes(),
              settings.ringMaxAge(),
              (topic, reason, n) -> metrics.dropped(topic, reason).increment(n));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    metrics.bindRing(ring::bytes, this::oldestAgeSeconds);
    // every trigger's counter from the start at 0, so the first incident shows in increase()
    metrics.incidents(Incident.MANUAL);
    settings.triggers().forEach(t -> metrics.incidents(t.name()));
    this.triggers = new CaptureTriggers(settings.triggers(), catalog);
    IncidentTracker tracker = new IncidentTracker(() -> newId(clock));
    IncidentUploads uploads =
        uploading == null
            ? null
            : new IncidentUploads(
                uploading.upload(), store, uploading.pipeline()::uplinkReconciled, audit);
    this.desk =
        new IncidentDesk(tracker, store, ring, metrics, clock, this::written, audit, uploads);
    if (uploading != null) {
      uploading.pipeline().addDeliveryListener(desk::delivered);
    }
    this.thread = new Thread(this::run, "eg-capture");
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(
        (t, e) -> log.error("capture thread failed; capture stops: {}", e.toString()));
  }

  /** Starts capture when the config turns it on; empty when it is off. No upload, no audit. */
  static Optional<CaptureService> start(
      CaptureSettings settings,
      Path dataDir,
      FieldCatalog catalog,
      CaptureMetrics metrics,
      Clock clock) {
    return start(settings, dataDir, catalog, metrics, clock, AuditLog.NONE, null);
  }

  /**
   * Starts capture when the config turns it on; empty when it is off.
   *
   * @param uploading the priority upload, or null to keep incidents sealed on the robot
   */
  static Optional<CaptureService> start(
      CaptureSettings settings,
      Path dataDir,
      FieldCatalog catalog,
      CaptureMetrics metrics,
      Clock clock,
      AuditLog audit,
      @Nullable Uploading uploading) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    CaptureService service =
        new CaptureService(settings, dataDir, catalog, metrics, clock, audit, uploading);
    service.desk.start();
    service.thread.start();
    log.info(
        "capture ring in {}: {} bytes held, {} triggers",
        settings.ringDirectory(dataDir),
        service.ring.bytes(),
        settings.triggers().size());
    return Optional.of(service);
  }

  private static String newId(Clock clock) {
    return ID_TIME.format(Instant.ofEpochMilli(clock.wallMillis()))
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void offer(Envelope sample) {
    int size = sample.size();
    boolean fits = queuedBytes.addAndGet(size) <= QUEUE_MAX_BYTES;
    if (!fits || !queue.offer(sample)) {
      queuedBytes.addAndGet(-size);
      queueFull
          .computeIfAbsent(sample.topic(), t -> metrics.dropped(t, CaptureMetrics.QUEUE_FULL))
          .increment();
    }
  }

  /**
   * Drains the queue in runs of up to {@link #DRAIN_MAX} and parks {@link #IDLE_PARK_NS} when it is
   * empty: the bus threads' {@code offer} never has to wake this thread (a waiting consumer would
   * cost a futex wake-up per sample at full rate). The ring is flushed to the page cache at most
   * every {@link IncidentDesk#TICK_MS}, and when the queue runs dry.
   */
  private void run() {
    List<Envelope> batch = new ArrayList<>(DRAIN_MAX);
    long lastFlush = System.nanoTime();
    boolean unflushed = false;
    while (running || !queue.isEmpty()) {
      draining = true; // before the queue looks empty: see written()
      queue.drainTo(batch, DRAIN_MAX);
      if (batch.isEmpty()) {
        draining = false;
        if (unflushed) {
          flushQuietly();
          unflushed = false;
          lastFlush = System.nanoTime();
        }
        LockSupport.parkNanos(this, IDLE_PARK_NS);
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        continue;
      }
      long drained = 0;
      for (Envelope e : batch) {
        drained += e.size();
        write(e);
      }
      queuedBytes.addAndGet(-drained);
      batch.clear();
      draining = false;
      unflushed = true;
      if (System.nanoTime() - lastFlush >= TimeUnit.MILLISECONDS.toNanos(IncidentDesk.TICK_MS)) {
        flushQuietly();
        unflushed = false;
        lastFlush = System.nanoTime();
      }
    }
    flushQuietly();
  }

  private void write(Envelope e) {
    try {
      ring.append(e);
    } catch (IOException x) {
      ioErrors
          .computeIfAbsent(e.topic(), t -> metrics.dropped(t, CaptureMetrics.IO_ERROR))
          .increment();
      log.debug("capture ring append failed: {}", x.getMessage());
    }
    writtenNs = e.receiveStampNs();
    try {
      triggers.test(e, this::fired);
    } catch (RuntimeException x) {
      if (!triggerFailureLogged) {
        triggerFailureLogged = true;
        log.error("capture triggers failed on a sample of {}: {}", e.topic(), x.toString());
      }
    }
  }

  private void fired(TriggerSettings t, Envelope e) {
    desk.fire(
            t.name(),
            t.topic() + ": " + t.when(),
            e.receiveStampNs(),
            CaptureWindow.around(e.receiveStampNs(), t.pre(), t.post()),
            Set.copyOf(t.topics()),
            t.cooldown().toNanos())
        .whenComplete(
            (incident, failure) -> {
              if (failure != null) {
                log.warn(
                    "capture trigger {} fired but was not taken: {}", t.name(), failure.toString());
              }
            });
  }

  private boolean written(long ns) {
    // queue first: an empty queue seen after a drain also sees the draining flag set before it
    return writtenNs >= ns || (queue.isEmpty() && !draining);
  }

  private void flushQuietly() {
    try {
      ring.flush();
    } catch (IOException x) {
      log.debug("capture ring flush failed: {}", x.getMessage());
    }
  }

  private double oldestAgeSeconds() {
    long oldest = ring.oldestReceiveNs().orElse(0);
    return oldest == 0 ? 0 : Math.max(0, (clock.wallNanos() - oldest) / 1e9);
  }

  /** The longest {@code pre + post} a request may ask for: what the ring keeps. */
  Duration maxWindow() {
    return settings.ringMaxAge();
  }

  /**
   * An operator's request for {@code [now - pre, now + post]}: completed with the incident (new, or
   * the recording one it merged into) once it is saved.
   */
  CompletableFuture<Optional<Incident>> request(
      String reason, Duration pre, Duration post, Set<String> topics) {
    long now = clock.wallNanos();
    return desk.fire(Incident.MANUAL, reason, now, CaptureWindow.around(now, pre, post), topics, 0);
  }

  /** The incident store (list, find, samples of a sealed incident). */
  IncidentStore store() {
    return store;
  }

  /** The ring, for tests. */
  DiskCaptureRing ring() {
    return ring;
  }

  /** Incidents recording now. */
  List<Incident> recording() {
    return desk.recording();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    desk.close();
    ring.close();
    store.close();
  }
}
