package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusLossListener;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.DdsLossReason;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.testkit.dds.CyclonePeer;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Samples lost inside DDS are counted by the writer's sequence numbers: a Cyclone DDS C peer bursts
 * best-effort IMU samples at a gateway bus whose listener thread is held up and whose receive
 * buffer is small, so the kernel drops part of the burst; every sample the peer wrote is then
 * either delivered or counted as a {@code sequence_gap}. Domain {@link DdsDomains#forTest} (leased
 * across JVMs).
 */
class DdsLossAccountingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final RosTypeName IMU = RosTypeName.parse(RosSamples.IMU_TYPE);
  private static final Qos BEST_EFFORT =
      new Qos(Qos.Reliability.BEST_EFFORT, Qos.Durability.VOLATILE, Qos.History.KEEP_LAST, 1000);
  private static final int BURST = 3000;

  @Test
  void burstOverflowingTheReceiveBuffer_isDeliveredOrCountedAsSequenceGap() throws Exception {
    int domain = DdsDomains.forTest(DdsLossAccountingTest.class, 0);
    CyclonePeer cyclone = CyclonePeer.build(Path.of("target", "cyclone"));
    String topic = DdsDomains.uniqueTopic("burst_imu");
    Map<DdsLossReason, AtomicLong> lost = new ConcurrentHashMap<>();
    BusLossListener losses =
        (t, reason, n) -> {
          if (t.equals(topic)) {
            lost.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(n);
          }
        };
    AtomicInteger delivered = new AtomicInteger();
    CountDownLatch burstWritten = new CountDownLatch(1);
    FastDdsBus.Options options =
        FastDdsBus.Options.of(domain, "loss_test").withSocketBufferBytes(64 << 10);
    try (FastDdsBus bus = FastDdsBus.join(options, losses);
        BusSubscription subscription =
            bus.subscribe(
                new SubscriptionSpec(topic, IMU, BEST_EFFORT, 1024),
                (stamp, payload) -> {
                  // the first sample holds the listener thread until the burst is written, so
                  // the socket buffer fills and the kernel drops the rest of the burst
                  if (delivered.getAndIncrement() == 0) {
                    awaitQuietly(burstWritten);
                  }
                });
        CycloneProcess burst = cyclone.startBurst(domain, topic, BURST, TIMEOUT)) {
      await()
          .atMost(TIMEOUT)
          .until(() -> burst.stdoutLines().contains("published " + BURST) || burst.failed());
      burstWritten.countDown();
      // the last sample goes once the listener drained what the socket held (two reads 200 ms
      // apart agree), so it finds room in the buffer
      long[] seen = {-1};
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                long now = delivered.get();
                boolean drained = now == seen[0];
                seen[0] = now;
                return drained;
              });
      CyclonePeer.releaseBurst(burst);
      assertThat(burst.waitFor(TIMEOUT)).as("%s", burst).isZero();

      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(delivered.get() + lostOf(lost, DdsLossReason.SEQUENCE_GAP))
                      .as("delivered %s, lost %s", delivered, lost)
                      .isEqualTo(BURST + 1));
      assertThat(lostOf(lost, DdsLossReason.SEQUENCE_GAP)).isPositive();
      assertThat(((FastDdsSubscription) subscription).sequenceGaps())
          .isEqualTo(lostOf(lost, DdsLossReason.SEQUENCE_GAP));
      assertThat(lostOf(lost, DdsLossReason.OVERSIZE)).isZero();
    }
  }

  private static long lostOf(Map<DdsLossReason, AtomicLong> lost, DdsLossReason reason) {
    AtomicLong n = lost.get(reason);
    return n == null ? 0 : n.get();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
