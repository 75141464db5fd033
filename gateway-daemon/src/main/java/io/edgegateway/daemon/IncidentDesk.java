package io.edgegateway.daemon;

import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.batch.BatchHeaders;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.capture.CaptureRing;
import io.edgegateway.core.capture.CaptureWindow;
import io.edgegateway.core.capture.Incident;
import io.edgegateway.core.capture.IncidentStore;
import io.edgegateway.core.capture.IncidentTracker;
import io.edgegateway.core.metrics.CaptureMetrics;
import io.edgegateway.core.port.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incidents' own thread, {@code eg-incidents}: opens and merges incidents ({@link
 * IncidentTracker}) and saves each change to the {@link IncidentStore} before it is reported; every
 * {@link #TICK_MS} it seals the incidents whose post window ended (copies their window out of the
 * ring into the store, then marks them sealed, in one transaction). At start, the incidents a stop
 * or crash left {@code recording} are taken up again: sealed with what the ring holds, and marked
 * incomplete with the time the gateway was not running when that time falls in their window.
 *
 * <p>With {@link IncidentUploads}, each sealed incident is then queued for the priority upload on
 * the same thread, and marked uploaded when the uplink acknowledges its manifest ({@link
 * #delivered}). Each step (opened, sealed, uploading, uploaded) is audited as {@code capture}.
 */
final class IncidentDesk implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IncidentDesk.class);
  static final long TICK_MS = 100;
  private static final int MAX_PENDING = 1024;
  private static final long MAX_SEAL_WAIT_NS = TimeUnit.SECONDS.toNanos(5);

  private final IncidentTracker tracker;
  private final IncidentStore store;
  private final CaptureRing ring;
  private final CaptureMetrics metrics;
  private final Clock clock;
  private final LongPredicate written;
  private final ScheduledThreadPoolExecutor thread;
  private final AtomicInteger pending = new AtomicInteger();
  private final AuditLog audit;
  private final @Nullable IncidentUploads uploads;

  /**
   * A desk that keeps incidents sealed on the robot and audits nothing.
   *
   * @param written whether the ring has every sample received up to the given time (the capture
   *     queue reached it or is empty)
   */
  IncidentDesk(
      IncidentTracker tracker,
      IncidentStore store,
      CaptureRing ring,
      CaptureMetrics metrics,
      Clock clock,
      LongPredicate written) {
    this(tracker, store, ring, metrics, clock, written, AuditLog.NONE, null);
  }

  /**
   * @param written whether the ring has every sample received up to the given time (the capture
   *     queue reached it or is empty)
   * @param audit where the {@code capture} records go
   * @param uploads the priority upload, or null to keep incidents sealed on the robot
   */
  IncidentDesk(
      IncidentTracker tracker,
      IncidentStore store,
      CaptureRing ring,
      CaptureMetrics metrics,
      Clock clock,
      LongPredicate written,
      AuditLog audit,
      @Nullable IncidentUploads uploads) {
    this.audit = audit;
    this.uploads = uploads;
    this.tracker = tracker;
    this.store = store;
    this.ring = ring;
    this.metrics = metrics;
    this.clock = clock;
    this.written = written;
    this.thread =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "eg-incidents");
              t.setDaemon(true);
              t.setUncaughtExceptionHandler(
                  (th, e) -> log.error("incident thread failed: {}", e.toString()));
              return t;
            });
  }

  /** Takes up the incidents left recording, then starts sealing every {@link #TICK_MS}. */
  void start() {
    long newestNs = ring.newestReceiveNs().orElse(0);
    long nowNs = clock.wallNanos();
    for (Incident left : store.recording()) {
      Incident resumed = left;
      if (newestNs < nowNs && left.window().overlaps(new CaptureWindow(newestNs, nowNs))) {
        String note =
            "the gateway was not running from "
                + Instant.ofEpochSecond(0, Math.max(newestNs, left.fromNs()))
                + " to "
                + Instant.ofEpochSecond(0, Math.min(nowNs, left.toNs()))
                + "; samples of that time are missing";
        resumed =
            new Incident(
                left.id(),
                left.triggers(),
                left.reason(),
                left.state(),
                left.fromNs(),
                left.toNs(),
                left.topics(),
                left.counts(),
                false,
                note);
        store.save(resumed);
      }
      tracker.restore(resumed);
      log.info("incident {} was left recording by the previous run; resuming it", left.id());
    }
    thread.scheduleWithFixedDelay(this::sealDue, 0, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Asks for a window (a trigger fired, or an operator asked); runs on the incident thread.
   *
   * @return the incident opened or extended, completed once it is saved; empty result (null) when a
   *     cooldown suppressed it
   */
  CompletableFuture<Optional<Incident>> fire(
      String trigger,
      String reason,
      long atNs,
      CaptureWindow window,
      Set<String> topics,
      long cooldownNs) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      return CompletableFuture.failedFuture(
          new RejectedExecutionException("too many capture requests waiting"));
    }
    try {
      return CompletableFuture.supplyAsync(
          () -> {
            pending.decrementAndGet();
            Optional<IncidentTracker.Fired> fired =
                tracker.fire(trigger, reason, atNs, window, topics, cooldownNs);
            fired.ifPresent(
                f -> {
                  store.save(f.incident());
                  if (f.opened()) {
                    metrics.incidents(trigger).increment();
                    audit.append(
                        AuditKind.CAPTURE,
                        "capture",
                        IncidentUploads.detail(f.incident(), "opened"));
                    log.info(
                        "incident {} opened by {}: {} (window {} .. {})",
                        f.incident().id(),
                        trigger,
                        reason,
                        Instant.ofEpochSecond(0, window.fromNs()),
                        Instant.ofEpochSecond(0, window.toNs()));
                  }
                });
            return fired.map(IncidentTracker.Fired::incident);
          },
          thread);
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Seals every incident whose window ended and whose samples are all in the ring. */
  private void sealDue() {
    try {
      sealDueOnce();
    } catch (RuntimeException e) { // a scheduled task that throws is never run again
      log.warn("sealing incidents failed, retried in {} ms: {}", TICK_MS, e.toString());
    }
  }

  private void sealDueOnce() {
    long nowNs = clock.wallNanos();
    for (Incident due : tracker.due(nowNs)) {
      if (!written.test(due.toNs()) && nowNs - due.toNs() < MAX_SEAL_WAIT_NS) {
        continue; // samples of the window's end are still on their way into the ring
      }
      seal(due);
    }
    if (uploads != null) {
      uploads.tick();
    }
  }

  /**
   * The uplink acknowledged {@code batches} (a {@link io.edgegateway.core.port.DeliveryListener},
   * called on the sender thread): an incident's manifest among them is handled on the incident
   * thread.
   */
  void delivered(List<SealedBatch> batches) {
    IncidentUploads u = uploads;
    if (u == null
        || batches.stream()
            .noneMatch(
                b ->
                    BatchHeaders.RECORD_INCIDENT_MANIFEST.equals(
                        b.headers().get(BatchHeaders.RECORD)))) {
      return;
    }
    try {
      thread.execute(
          () -> {
            try {
              u.acknowledged(batches);
            } catch (RuntimeException e) {
              log.warn("marking incidents uploaded failed: {}", e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("incident thread stopped; the next start marks the incident uploaded");
    }
  }

  private void seal(Incident due) {
    try {
      Incident sealed = store.seal(due, sink -> ring.read(due.window(), due.topics(), sink), "");
      tracker.closed(due.id());
      audit.append(AuditKind.CAPTURE, "capture", IncidentUploads.detail(sealed, "sealed"));
      if (uploads != null) {
        uploads.sealed(sealed);
      }
      log.info(
          "incident {} sealed: {} samples of {} topics{}",
          sealed.id(),
          sealed.samples(),
          sealed.counts().size(),
          sealed.complete() ? "" : " (incomplete: " + sealed.note() + ")");
    } catch (IOException | UncheckedIOException e) {
      log.warn("incident {} could not be sealed yet: {}", due.id(), e.getMessage());
    }
  }

  /** The incidents recording now. */
  List<Incident> recording() {
    return tracker.recording();
  }

  /** Stops the thread; incidents still recording stay so in the store for the next start. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    int left = tracker.recording().size();
    if (left > 0) {
      log.info("{} incidents still recording at stop; the next start seals them", left);
    }
  }
}
