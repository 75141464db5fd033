package io.edgegateway.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.port.DdsLossReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** {@link DdsLossCounters}: {@code gateway_dds_lost_samples_total{topic,reason}}. */
class DdsLossCountersTest {

  @Test
  void aSubscribedTopicExportsEveryReasonAtZero() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DdsLossCounters(registry).onSubscribed("/imu");

    assertThat(registry.find("gateway.dds.lost.samples").tag("topic", "/imu").counters())
        .hasSize(DdsLossReason.values().length)
        .allSatisfy(c -> assertThat(c.count()).isZero());
  }

  @Test
  void lossesAddUpPerTopicAndReason() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DdsLossCounters counters = new DdsLossCounters(registry);

    counters.onLost("/imu", DdsLossReason.SEQUENCE_GAP, 3);
    counters.onLost("/imu", DdsLossReason.SEQUENCE_GAP, 2);
    counters.onLost("/imu", DdsLossReason.OVERSIZE, 1);
    counters.onLost("/ft", DdsLossReason.SEQUENCE_GAP, 0);

    assertThat(counters.lost("/imu", DdsLossReason.SEQUENCE_GAP)).isEqualTo(5);
    assertThat(counters.lost("/imu")).isEqualTo(6);
    assertThat(counters.lost("/ft")).isZero();
    assertThat(
            registry
                .get("gateway.dds.lost.samples")
                .tags("topic", "/imu", "reason", "sequence_gap")
                .counter()
                .count())
        .isEqualTo(5);
  }
}
