package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.sampling.Sampler;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline compares header stamps with receive time for the types that start with one. */
class HeaderSkewPipelineTest {
  private static final RosTypeName IMU = RosTypeName.parse("sensor_msgs/msg/Imu");
  private static final RosTypeName STRING = RosTypeName.parse("std_msgs/msg/String");
  private static final long WALL = 1_765_000_000_000_000_000L;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Clock clock =
      new Clock() {
        @Override
        public long wallNanos() {
          return WALL;
        }

        @Override
        public long monotonicNanos() {
          return 1;
        }
      };
  private final TelemetryPipeline pipeline =
      new TelemetryPipeline(
          new TelemetryPipeline.Settings(
              1 << 20,
              Duration.ofMillis(20),
              1000,
              64L * 1024 * 1024,
              Duration.ofSeconds(1),
              Duration.ofSeconds(5),
              Duration.ZERO),
          new BatchCodec("r1", "i1", BatchLineage.empty(), 1),
          new InMemoryQueue(),
          new RecordingUplink(),
          clock,
          new GatewayMetrics(registry),
          Set.of("telemetry"),
          null,
          IMU::equals,
          io.edgegateway.core.budget.UplinkBudget.unlimited(clock));

  @AfterEach
  void close() {
    pipeline.close();
  }

  private SampleHandler handler(String topic, RosTypeName type) {
    return pipeline.handlerFor(new TopicRoute(topic, type, "telemetry", 5, Sampler.keepAll()));
  }

  private static byte[] stamped(long stampNs) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0, 1, 0, 0});
    b.putInt((int) (stampNs / 1_000_000_000L)).putInt((int) (stampNs % 1_000_000_000L));
    return b.array();
  }

  @Test
  void aTopicWithAHeader_recordsReceiveTimeMinusItsStamp_othersRecordNothing() {
    handler("/imu", IMU).onSample(0, stamped(WALL - 2_500_000_000L));
    handler("/chatter", STRING).onSample(0, stamped(WALL - 2_500_000_000L));

    DistributionSummary imu = registry.get("gateway.clock.skew").tag("topic", "/imu").summary();
    assertThat(imu.count()).isEqualTo(1);
    assertThat(imu.totalAmount()).isCloseTo(2.5, within(1e-9));
    assertThat(registry.find("gateway.clock.skew").tag("topic", "/chatter").summary()).isNull();
  }
}
