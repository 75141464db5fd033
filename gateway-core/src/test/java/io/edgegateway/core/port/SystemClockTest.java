package io.edgegateway.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SystemClockTest {
  private static final long MS = 1_000_000L;

  /** A settable monotonic and wall clock, the wall clock readable in ns and in ms. */
  private static final class FakeTime {
    final AtomicLong mono = new AtomicLong(5_000 * MS);
    final AtomicLong wall = new AtomicLong(1_765_000_000_000L * MS + 123_456);
    int calibrations;

    SystemClock clock() {
      return new SystemClock(
          mono::get,
          () -> wall.get() / MS,
          () -> {
            calibrations++;
            return wall.get();
          });
    }

    void advance(long nanos) {
      mono.addAndGet(nanos);
      wall.addAndGet(nanos);
    }
  }

  @Test
  void wallNanos_staysWithinAMillisecondOfInstantNow() {
    Clock clock = Clock.system();
    for (int i = 0; i < 10_000; i++) {
      Instant before = Instant.now();
      long wall = clock.wallNanos();
      Instant after = Instant.now();
      long b = before.getEpochSecond() * 1_000_000_000L + before.getNano();
      long a = after.getEpochSecond() * 1_000_000_000L + after.getNano();
      assertThat(wall).isBetween(b - 2 * MS, a + 2 * MS);
    }
  }

  @Test
  void wallNanos_advancesExactlyWithTheMonotonicClockBetweenCalibrations() {
    FakeTime t = new FakeTime();
    SystemClock clock = t.clock();
    long first = clock.wallNanos();
    long mono = clock.monotonicNanos();
    for (int i = 1; i <= 1000; i++) {
      t.advance(7_919 * i);
      assertThat(clock.wallNanos() - first).isEqualTo(clock.monotonicNanos() - mono);
    }
    assertThat(t.calibrations).isEqualTo(1);
  }

  @Test
  void wallNanos_followsAWallClockStepOfMoreThanAMillisecond() {
    FakeTime t = new FakeTime();
    SystemClock clock = t.clock();
    clock.wallNanos();
    t.wall.addAndGet(-3_600_000 * MS); // stepped back one hour
    assertThat(clock.wallNanos()).isEqualTo(t.wall.get());
    t.wall.addAndGet(5 * MS); // stepped forward 5 ms
    assertThat(clock.wallNanos()).isEqualTo(t.wall.get());
    assertThat(t.calibrations).isEqualTo(3);
  }

  @Test
  void wallNanos_keepsItsOffsetWhileTheWallClockDriftsLessThanAMillisecond() {
    FakeTime t = new FakeTime();
    SystemClock clock = t.clock();
    long first = clock.wallNanos();
    t.wall.addAndGet(400_000); // slewed 0.4 ms ahead of the monotonic clock
    t.advance(10 * MS);
    assertThat(clock.wallNanos()).isEqualTo(first + 10 * MS);
    assertThat(t.calibrations).isEqualTo(1);
  }

  @Test
  void wallNanos_allocatesNothing() {
    Clock clock = Clock.system();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (int i = 0; i < 100_000; i++) {
      sum += clock.wallNanos(); // warm up (and JIT) first
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 100_000; i++) {
      sum += clock.wallNanos();
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(sum).isNotZero();
    // an Instant per call would be 2.4 MB; allow for the measurement's own few objects
    assertThat(allocated).isLessThan(10_000);
  }
}
