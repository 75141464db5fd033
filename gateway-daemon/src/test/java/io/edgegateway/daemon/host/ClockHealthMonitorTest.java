package io.edgegateway.daemon.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.metrics.HostMetrics;
import io.edgegateway.core.port.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ClockHealthMonitorTest {
  private static final long SECOND = 1_000_000_000L;
  private static final ClockSync CHRONY_OK = new ClockSync(0, 0x2001, 250_000, 1_500);
  private static final ClockSync UNSYNCED =
      new ClockSync(ClockSync.TIME_ERROR, ClockSync.STA_UNSYNC, 16_000_000, 16_000_000);

  /** Wall and monotonic time that move only when the test moves them. */
  private static final class SteppingClock implements Clock {
    long wall = 1_765_000_000L * SECOND;
    long monotonic = 7 * SECOND;

    void tick() {
      wall += SECOND;
      monotonic += SECOND;
    }

    @Override
    public long wallNanos() {
      return wall;
    }

    @Override
    public long monotonicNanos() {
      return monotonic;
    }
  }

  private record Appended(AuditKind kind, String actor, Map<String, ?> detail) {}

  private final SteppingClock clock = new SteppingClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Appended> audit = new ArrayList<>();
  private final AuditLog log =
      (kind, actor, detail) -> audit.add(new Appended(kind, actor, detail));
  private final AtomicReference<ClockSync> kernelState = new AtomicReference<>(CHRONY_OK);
  private final AtomicReference<Optional<String>> daemon =
      new AtomicReference<>(Optional.of("chronyd"));

  private ClockHealthMonitor monitor(Optional<Supplier<ClockSync>> kernel) {
    return new ClockHealthMonitor(
        kernel, daemon::get, clock, new HostMetrics(registry), log, Duration.ofSeconds(1));
  }

  private ClockHealthMonitor monitor() {
    return monitor(Optional.of(kernelState::get));
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double jumps(String direction) {
    return registry.get("gateway.clock.jumps").tag("direction", direction).counter().count();
  }

  @Test
  void aSynchronisedKernelClock_isReportedWithItsErrorsAndTheDaemonSeen() {
    ClockHealthMonitor m = monitor();
    m.runOnce();

    assertThat(m.status())
        .isEqualTo(new ClockStatus("chronyd", true, 250_000_000L, 1_500_000L, 0, 0));
    assertThat(gauge("gateway.clock.synchronized")).isEqualTo(1);
    assertThat(gauge("gateway.clock.max.error")).isEqualTo(0.25);
    assertThat(gauge("gateway.clock.estimated.error")).isEqualTo(0.0015);
  }

  @Test
  void anUnsynchronisedClockWithNoDaemon_isSourceNone() {
    kernelState.set(UNSYNCED);
    daemon.set(Optional.empty());
    ClockHealthMonitor m = monitor();
    m.runOnce();

    assertThat(m.status().synchronised()).isFalse();
    assertThat(m.status().source()).isEqualTo("none");
    assertThat(m.status().maxErrorSeconds()).isEqualTo(16.0);
    assertThat(gauge("gateway.clock.synchronized")).isZero();
  }

  @Test
  void withoutAdjtimex_theClockIsUnknownAndNotSynchronised() {
    daemon.set(Optional.empty());
    ClockHealthMonitor m = monitor(Optional.empty());
    m.runOnce();

    assertThat(m.status()).isEqualTo(ClockStatus.unknown());
    assertThat(gauge("gateway.clock.synchronized")).isZero();
    assertThat(gauge("gateway.clock.max.error")).isNaN();
  }

  @Test
  void aKernelReadingThatFails_isUnknown_andTheNextGoodOneIsReportedAgain() {
    AtomicBoolean failing = new AtomicBoolean(true);
    ClockHealthMonitor m =
        monitor(
            Optional.of(
                () -> {
                  if (failing.get()) {
                    throw new IllegalStateException("adjtimex failed, errno 1");
                  }
                  return kernelState.get();
                }));
    m.runOnce();
    assertThat(m.status().synchronised()).isFalse();
    assertThat(m.status().maxErrorNanos()).isNegative();

    failing.set(false);
    clock.tick();
    m.runOnce();
    assertThat(m.status().synchronised()).isTrue();
  }

  @Test
  void aWallClockSteppedBackThenForward_isCountedLoggedAndAuditedEachTime() {
    ClockHealthMonitor m = monitor();
    m.runOnce();
    clock.tick();
    m.runOnce();
    assertThat(audit).isEmpty();

    clock.tick();
    clock.wall -= 2 * SECOND; // someone sets the clock back by 2 s
    m.runOnce();
    clock.tick();
    m.runOnce();
    clock.tick();
    clock.wall += 500_000_000L; // and forward by 0.5 s
    m.runOnce();

    assertThat(jumps("backward")).isEqualTo(1);
    assertThat(jumps("forward")).isEqualTo(1);
    assertThat(m.status().jumps()).isEqualTo(2);
    assertThat(m.status().lastJumpNanos()).isEqualTo(500_000_000L);
    assertThat(audit)
        .containsExactly(
            new Appended(
                AuditKind.CLOCK_JUMP,
                "clock",
                Map.of("direction", "backward", "size_ns", 2 * SECOND)),
            new Appended(
                AuditKind.CLOCK_JUMP,
                "clock",
                Map.of("direction", "forward", "size_ns", 500_000_000L)));
  }

  @Test
  void theSyncSourceIsLookedForOnTheFirstTickAndThenEverySixtiethOnly() {
    List<String> asked = new ArrayList<>();
    daemon.set(Optional.of("ptp4l"));
    ClockHealthMonitor m =
        new ClockHealthMonitor(
            Optional.of(kernelState::get),
            () -> {
              asked.add("x");
              return daemon.get();
            },
            clock,
            new HostMetrics(registry),
            log,
            Duration.ofSeconds(1));
    for (int i = 0; i < 61; i++) {
      clock.tick();
      m.runOnce();
    }

    assertThat(asked).hasSize(2);
    assertThat(m.status().source()).isEqualTo("ptp4l");
  }

  @Test
  void startedItTicksOnItsOwnThread_andCloseStopsIt() {
    ClockHealthMonitor m = monitor();
    m.start();
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> m.status().synchronised());
      assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("eg-clock"));
    } finally {
      m.close();
    }
    m.close();
  }
}
