package io.edgegateway.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderSkewTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long NOW = 1_765_000_000L * SECOND;
  private static final String TOPIC = "/imu/torso";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HeaderSkew skew = new GatewayMetrics(registry).headerSkew(TOPIC);

  /** A little-endian CDR sample starting with a header stamped {@code stampNs}. */
  static byte[] stamped(long stampNs) {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0, 1, 0, 0});
    b.putInt((int) Math.floorDiv(stampNs, SECOND)).putInt((int) Math.floorMod(stampNs, SECOND));
    return b.array();
  }

  private DistributionSummary summary(String name) {
    return registry.get(name).tag("topic", TOPIC).summary();
  }

  private double suspicious(String reason) {
    Counter c =
        registry
            .find("gateway.clock.suspicious.stamps")
            .tag("topic", TOPIC)
            .tag("reason", reason)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aPublisherTwoAndAHalfSecondsBehind_recordsPlusTwoPointFive() {
    skew.record(stamped(NOW - 2_500_000_000L), NOW);

    DistributionSummary behind = summary("gateway.clock.skew");
    assertThat(behind.count()).isEqualTo(1);
    assertThat(behind.totalAmount()).isCloseTo(2.5, within(1e-9));
    CountAtBucket[] buckets = behind.takeSnapshot().histogramCounts();
    assertThat(Arrays.stream(buckets).filter(b -> b.bucket() == 2.0).findFirst().get().count())
        .isZero();
    assertThat(Arrays.stream(buckets).filter(b -> b.bucket() == 5.0).findFirst().get().count())
        .isEqualTo(1);
    assertThat(registry.find("gateway.clock.skew.ahead").summary())
        .as("registered at the first stamp in the future")
        .isNull();
    assertThat(registry.find("gateway.clock.suspicious.stamps").counters()).isEmpty();
  }

  @Test
  void aStampSlightlyInTheFuture_goesToTheAheadHistogram_andIsNotSuspicious() {
    skew.record(stamped(NOW + 200_000_000L), NOW);

    assertThat(summary("gateway.clock.skew.ahead").totalAmount()).isCloseTo(0.2, within(1e-9));
    assertThat(summary("gateway.clock.skew").count()).isZero();
    assertThat(suspicious("future")).isZero();
  }

  @Test
  void zeroFutureAndPre2000Stamps_areRecordedAndCountedAsSuspicious() {
    skew.record(stamped(0), NOW);
    skew.record(stamped(NOW + 3 * SECOND), NOW);
    skew.record(stamped(631_152_000L * SECOND), NOW); // 1990-01-01
    skew.record(stamped(631_152_000L * SECOND), NOW);

    assertThat(suspicious("zero")).isEqualTo(1);
    assertThat(suspicious("future")).isEqualTo(1);
    assertThat(suspicious("before_2000")).isEqualTo(2);
    assertThat(summary("gateway.clock.skew").count()).isEqualTo(3);
    assertThat(summary("gateway.clock.skew.ahead").count()).isEqualTo(1);
  }

  @Test
  void aSampleTooShortForAStamp_isCountedUnreadable_andNotRecorded() {
    skew.record(new byte[] {0, 1, 0, 0, 7}, NOW);

    assertThat(suspicious("unreadable")).isEqualTo(1);
    assertThat(summary("gateway.clock.skew").count()).isZero();
    assertThat(registry.find("gateway.clock.skew.ahead").summary()).isNull();
  }

  @Test
  void theSameTopic_getsTheSameHolder() {
    assertThat(new GatewayMetrics(registry).headerSkew(TOPIC))
        .as("a second GatewayMetrics registers the same meters")
        .isNotNull();
    GatewayMetrics metrics = new GatewayMetrics(registry);
    assertThat(metrics.headerSkew("/a")).isSameAs(metrics.headerSkew("/a"));
  }
}
