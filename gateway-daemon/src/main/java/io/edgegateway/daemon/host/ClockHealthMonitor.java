package io.edgegateway.daemon.host;

import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.clock.WallClockJumps;
import io.edgegateway.core.metrics.HostMetrics;
import io.edgegateway.core.port.Clock;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the wall clock once a second on its own thread ({@code eg-clock}): reads the kernel's
 * clock state ({@link KernelClock}), names the synchronising daemon ({@link SyncSources}, every
 * {@value #SOURCE_EVERY_TICKS} ticks) and detects wall-clock jumps ({@link WallClockJumps}). The
 * result is one {@link ClockStatus} snapshot, replaced as a whole, that every sealed batch, {@code
 * /v1/status} and the {@code gateway_clock_*} gauges read.
 *
 * <p>A jump is counted ({@code gateway_clock_jumps_total{direction}}), logged once (one WARN line)
 * and recorded in the audit log as {@code clock_jump} with its direction and size. Where the kernel
 * state cannot be read (not Linux, no JNA), the clock is reported {@code unknown} and not
 * synchronised; jumps are still detected.
 */
public final class ClockHealthMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClockHealthMonitor.class);

  /** How many ticks pass between two looks for the synchronising daemon. */
  static final int SOURCE_EVERY_TICKS = 60;

  private final Optional<Supplier<ClockSync>> kernel;
  private final Supplier<Optional<String>> daemons;
  private final AuditLog audit;
  private final WallClockJumps jumps;
  private final Counter forward;
  private final Counter backward;
  private final Duration tick;
  private final Object lock = new Object();
  private volatile ClockStatus status = ClockStatus.unknown();
  private Optional<String> daemon = Optional.empty();
  private long ticks;
  private boolean readFailed;
  private @Nullable ScheduledExecutorService executor;

  /**
   * @param kernel reads the kernel's clock state; empty where it cannot be read
   * @param daemons names the synchronising daemon that runs, if any is seen
   * @param tick time between two readings
   */
  ClockHealthMonitor(
      Optional<Supplier<ClockSync>> kernel,
      Supplier<Optional<String>> daemons,
      Clock clock,
      HostMetrics metrics,
      AuditLog audit,
      Duration tick) {
    this.kernel = kernel;
    this.daemons = daemons;
    this.audit = audit;
    this.tick = tick;
    this.jumps = new WallClockJumps(clock, WallClockJumps.DEFAULT_THRESHOLD_NANOS);
    this.forward = metrics.clockJumps("forward");
    this.backward = metrics.clockJumps("backward");
    metrics.bindClock(
        () -> status.synchronised() ? 1 : 0,
        () -> status.maxErrorSeconds(),
        () -> status.estimatedErrorSeconds());
  }

  /**
   * A monitor of this computer's clock, ticking every second, its first reading taken (so the first
   * batches carry it); call {@link #start} to keep it current.
   */
  public static ClockHealthMonitor create(Clock clock, HostMetrics metrics, AuditLog audit) {
    Optional<Supplier<ClockSync>> kernel = KernelClock.open().map(k -> k::read);
    ClockHealthMonitor monitor =
        new ClockHealthMonitor(
            kernel,
            SyncSources.ofThisComputer()::find,
            clock,
            metrics,
            audit,
            Duration.ofSeconds(1));
    monitor.runOnce();
    return monitor;
  }

  /** The latest snapshot; cheap (one volatile read). */
  public ClockStatus status() {
    return status;
  }

  /** Starts the {@code eg-clock} thread, reading once per tick until {@link #close}. */
  public void start() {
    synchronized (lock) {
      if (executor != null) {
        throw new IllegalStateException("already started");
      }
      executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "eg-clock");
                t.setDaemon(true);
                t.setUncaughtExceptionHandler(
                    (th, e) -> log.error("thread {} died: {}", th.getName(), e.toString(), e));
                return t;
              });
      executor.scheduleAtFixedRate(
          this::runOnce, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** One reading: kernel state, sync source now and then, and the jump check. */
  void runOnce() {
    synchronized (lock) {
      try {
        if (ticks++ % SOURCE_EVERY_TICKS == 0) {
          daemon = daemons.get();
        }
        long jump = jumps.check();
        ClockStatus next = read(status);
        if (jump != 0) {
          next = next.withJump(jump);
          jumped(jump);
        }
        status = next;
      } catch (RuntimeException e) { // never let one bad reading stop the ticks
        if (!readFailed) {
          readFailed = true;
          log.warn("Reading the clock state failed: {}", e.toString());
        }
      }
    }
  }

  /** The kernel's state now, with the jumps counted in {@code before}. */
  private ClockStatus read(ClockStatus before) {
    long n = before.jumps();
    long last = before.lastJumpNanos();
    if (kernel.isEmpty()) {
      return new ClockStatus(daemon.orElse("unknown"), false, -1, -1, n, last);
    }
    ClockSync sync;
    try {
      sync = kernel.get().get();
    } catch (RuntimeException e) {
      if (!readFailed) {
        readFailed = true;
        log.warn("Reading the kernel clock state failed: {}", e.toString());
      }
      return new ClockStatus(daemon.orElse("unknown"), false, -1, -1, n, last);
    }
    readFailed = false;
    boolean synced = sync.synchronised();
    return new ClockStatus(
        daemon.orElse(synced ? "unknown" : "none"),
        synced,
        sync.maxErrorMicros() * 1000,
        sync.estimatedErrorMicros() * 1000,
        n,
        last);
  }

  private void jumped(long nanos) {
    String direction = nanos > 0 ? "forward" : "backward";
    (nanos > 0 ? forward : backward).increment();
    log.warn(
        "Wall clock jumped {} by {} ms (wall vs monotonic time since the previous reading)",
        direction,
        Math.abs(nanos) / 1_000_000);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("direction", direction);
    detail.put("size_ns", Math.abs(nanos));
    audit.append(AuditKind.CLOCK_JUMP, "clock", detail);
  }

  /** Stops the thread (waits up to 2 s for a reading in progress); idempotent. */
  @Override
  public void close() {
    ScheduledExecutorService e;
    synchronized (lock) {
      e = executor;
    }
    if (e == null) {
      return;
    }
    e.shutdownNow();
    try {
      if (!e.awaitTermination(2, TimeUnit.SECONDS)) {
        log.warn("eg-clock did not stop within 2 s");
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
