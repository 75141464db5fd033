package io.edgegateway.daemon.systemd;

import io.edgegateway.core.pipeline.LoopProgress;
import io.edgegateway.core.port.Clock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
 * The systemd notify protocol for a {@code Type=notify} unit: {@code READY=1} once the gateway is
 * up, {@code WATCHDOG=1} every half watchdog interval while every pipeline loop makes progress,
 * {@code STATUS=} with the headline numbers every 5 s, and {@code STOPPING=1} when the stop begins.
 *
 * <p>Implementation notes: one daemon thread, {@code eg-sd-notify}, started by {@link #ready} and
 * stopped by {@link #stopping}, runs both schedules. A loop counts as stuck ({@link LoopWatch})
 * when it has not turned for one whole watchdog interval ({@code WatchdogSec=}); the pings stop
 * then, and systemd kills and restarts the daemon at most one interval later. The interval must
 * exceed the longest healthy round of a loop: an uplink delivery (10 s) plus its longest backoff (5
 * s). A failed send is logged once (WARN), then only at DEBUG; it never stops the gateway.
 */
public final class SystemdNotifier {
  private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);
  static final Duration STATUS_PERIOD = Duration.ofSeconds(5);

  private final NotifySocket socket;
  private final Optional<Duration> watchdog;
  private final Duration statusPeriod;
  private final Clock clock;
  private final LoopWatch watch;
  private final Supplier<String> status;
  private @Nullable ScheduledExecutorService thread; // set by ready()
  private volatile boolean sendFailed;
  private boolean stopped;

  SystemdNotifier(
      NotifySocket socket,
      Optional<Duration> watchdog,
      Duration statusPeriod,
      Clock clock,
      List<LoopProgress> loops,
      Supplier<String> status) {
    this.socket = socket;
    this.watchdog = watchdog;
    this.statusPeriod = statusPeriod;
    this.clock = clock;
    this.watch = new LoopWatch(loops, watchdog.orElse(Duration.ofDays(1)));
    this.status = status;
  }

  /**
   * A notifier for the environment systemd gave this process; empty (and JNA never loaded) if
   * {@code NOTIFY_SOCKET} is not set, or if the socket cannot be opened (logged, WARN).
   *
   * @param loops the loops whose progress gates the watchdog pings
   * @param status the {@code STATUS=} text, asked for every 5 s
   */
  public static Optional<SystemdNotifier> fromEnvironment(
      Map<String, String> env, Clock clock, List<LoopProgress> loops, Supplier<String> status) {
    Optional<NotifyEnvironment> notify = NotifyEnvironment.of(env, ProcessHandle.current().pid());
    if (notify.isEmpty()) {
      return Optional.empty();
    }
    try {
      UnixAddress address = UnixAddress.of(notify.get().socket());
      NotifySocket socket = NotifySocket.open(LibC.load(), address);
      return Optional.of(
          new SystemdNotifier(
              socket, notify.get().watchdog(), STATUS_PERIOD, clock, loops, status));
    } catch (IllegalArgumentException | IOException | UnsatisfiedLinkError e) {
      log.warn("cannot notify systemd ({}); running without sd_notify", e.getMessage());
      return Optional.empty();
    }
  }

  /** Sends {@code READY=1} with the first status and starts the watchdog and status pings. */
  public synchronized void ready() {
    if (stopped || thread != null) {
      throw new IllegalStateException("ready : already " + (stopped ? "stopped" : "sent"));
    }
    send("READY=1\nSTATUS=" + statusText());
    ScheduledExecutorService pings =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "eg-sd-notify");
              t.setDaemon(true);
              return t;
            });
    thread = pings;
    watchdog.ifPresent(
        interval -> {
          long everyNanos = interval.toNanos() / 2;
          pings.scheduleAtFixedRate(
              this::watchdogTick, everyNanos, everyNanos, TimeUnit.NANOSECONDS);
          log.info(
              "systemd watchdog: a ping every {} ms while the loops make progress",
              everyNanos / 1_000_000);
        });
    long statusNanos = statusPeriod.toNanos();
    pings.scheduleAtFixedRate(
        () -> send("STATUS=" + statusText()), statusNanos, statusNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Stops the pings (waits up to 2 s for a send in progress), sends {@code STOPPING=1} and closes
   * the socket. Idempotent; callable without {@link #ready} (a start that failed).
   */
  public synchronized void stopping() {
    if (stopped) {
      return;
    }
    stopped = true;
    ScheduledExecutorService pings = thread;
    if (pings != null) {
      pings.shutdownNow();
      try {
        if (!pings.awaitTermination(2, TimeUnit.SECONDS)) {
          log.warn("thread eg-sd-notify did not stop within 2 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    send("STOPPING=1\nSTATUS=stopping");
    socket.close();
  }

  private void watchdogTick() {
    if (watch.allProgressing(clock.monotonicNanos())) {
      send("WATCHDOG=1");
    }
  }

  private String statusText() {
    try {
      return status.get();
    } catch (RuntimeException e) {
      return "status unavailable: " + e;
    }
  }

  private void send(String message) {
    try {
      socket.send(message);
    } catch (IOException | RuntimeException e) {
      // a scheduled task that throws would never run again: say it once, keep going
      if (!sendFailed) {
        sendFailed = true;
        log.warn("cannot send to the systemd notify socket ({}); will keep trying", e.getMessage());
      } else {
        log.debug("notify send failed: {}", e.getMessage());
      }
    }
  }
}
