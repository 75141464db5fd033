package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.DdsLossReason;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A telemetry reader with the telemetry class's QoS (best effort, keep last 100) and the gateway's
 * 4 MiB socket buffers takes a 1 kHz-style burst of 500 samples, written back to back while its
 * listener is stalled for 20 ms, completely: no sequence gap, nothing counted as lost. Real
 * Fast-DDS participants; domain {@link DdsDomains#forTest} with this class.
 */
class TelemetryBurstTest {
  private static final Qos TELEMETRY =
      new Qos(Qos.Reliability.BEST_EFFORT, Qos.Durability.VOLATILE, Qos.History.KEEP_LAST, 100);
  private static final int BURST = 500;
  private static final long STALL_MS = 20;

  @Test
  @SuppressWarnings("try") // resources opened only to be closed
  void burstWrittenDuringAListenerStallArrivesWithoutSequenceGaps() {
    int domain = DdsDomains.forTest(TelemetryBurstTest.class, 0);
    SubscriptionSpec spec =
        new SubscriptionSpec(
            DdsDomains.uniqueTopic("burst"),
            RosTypeName.parse(RosSamples.STRING_TYPE),
            TELEMETRY,
            1024);
    Map<DdsLossReason, Long> lost = new ConcurrentHashMap<>();
    AtomicLong received = new AtomicLong();
    AtomicBoolean burstStarted = new AtomicBoolean();
    AtomicBoolean stalled = new AtomicBoolean();
    Set<String> burst = ConcurrentHashMap.newKeySet();
    byte[] warmUp = RosSamples.stringCdr(0);
    try (FastDdsBus writerSide =
            FastDdsBus.join(
                FastDdsBus.Options.of(domain, "burst_writer").withSocketBufferBytes(4 << 20));
        FastDdsBus readerSide =
            FastDdsBus.join(
                FastDdsBus.Options.of(domain, "burst_reader").withSocketBufferBytes(4 << 20),
                (topic, reason, samples) -> lost.merge(reason, samples, Long::sum));
        BusPublisher publisher = writerSide.publisher(spec);
        BusSubscription subscription =
            readerSide.subscribeRaw(
                spec,
                (stamp, buffer, length) -> {
                  received.incrementAndGet();
                  byte[] sample = Arrays.copyOf(buffer, length);
                  if (burstStarted.get() && !Arrays.equals(sample, warmUp)) {
                    burst.add(new String(sample, StandardCharsets.ISO_8859_1));
                    if (stalled.compareAndSet(false, true)) {
                      stall(); // the listener thread is busy while the rest of the burst arrives
                    }
                  }
                })) {
      await().atMost(Duration.ofSeconds(20)).until(() -> publisher.matchedSubscribers() >= 1);
      // the reader has matched the writer too once a sample gets through
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                publisher.publish(warmUp, warmUp.length);
                return received.get() >= 1;
              });
      burstStarted.set(true);
      for (int n = 1; n <= BURST; n++) {
        byte[] sample = RosSamples.stringCdr(n);
        assertThat(publisher.publish(sample, sample.length)).isTrue();
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> burst.size() >= BURST);
      assertThat(stalled).isTrue();
      assertThat(burst).hasSize(BURST);
      assertThat(lost)
          .as("samples lost between the writer and the reader, by reason")
          .doesNotContainKey(DdsLossReason.SEQUENCE_GAP);
    }
  }

  private static void stall() {
    try {
      TimeUnit.MILLISECONDS.sleep(STALL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
