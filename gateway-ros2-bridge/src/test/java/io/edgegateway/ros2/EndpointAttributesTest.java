package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import us.ihmc.pubsub.attributes.PublisherAttributes;
import us.ihmc.pubsub.attributes.SubscriberAttributes;

class EndpointAttributesTest {
  private static final RosTypeName STRING = RosTypeName.parse("std_msgs/msg/String");
  private final RawCdrDataType type = new RawCdrDataType(STRING.ddsName(), 64);

  private static SubscriptionSpec spec(int depth) {
    return new SubscriptionSpec(
        "/chatter",
        STRING,
        new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_LAST, depth),
        64);
  }

  @Test
  void readerPreallocatesItsDepthUpTo64KiBOfPayloadBeyondTenSamples() throws IOException {
    SubscriberAttributes shallow = EndpointAttributes.reader(spec(25), type, "rt/chatter");
    SubscriberAttributes deep = EndpointAttributes.reader(spec(20_000), type, "rt/chatter");

    assertThat(shallow.getTopicName()).isEqualTo("rt/chatter");
    assertThat(shallow.getTopicDataType()).isSameAs(type);
    assertThat(shallow.getHistoryDepth()).isEqualTo(25);
    assertThat(shallow.marshall("r"))
        .containsPattern("<allocated_samples>25</allocated_samples>")
        .contains(BoundedReaderAttributes.MEMORY_POLICY);
    assertThat(deep.getHistoryDepth()).isEqualTo(20_000);
    assertThat(deep.marshall("r"))
        .containsPattern("<allocated_samples>1024</allocated_samples>"); // 64 KiB of 64 B
  }

  @Test
  void readerOfLargeSamplesReservesTenAndSmallSamplesUpTo64KiBOfTheirDepth() throws IOException {
    Qos telemetry =
        new Qos(Qos.Reliability.BEST_EFFORT, Qos.Durability.VOLATILE, Qos.History.KEEP_LAST, 100);
    SubscriptionSpec imu = new SubscriptionSpec("/imu", STRING, telemetry, 2048);
    SubscriptionSpec mid = new SubscriptionSpec("/points", STRING, telemetry, 64 * 1024);
    SubscriptionSpec large = new SubscriptionSpec("/big", STRING, telemetry, 256 * 1024);

    SubscriberAttributes reader = EndpointAttributes.reader(imu, type, "rt/imu");

    assertThat(reader.getHistoryDepth()).isEqualTo(100);
    assertThat(reader.marshall("r"))
        .containsPattern("<kind>KEEP_LAST</kind>\\s*<depth>100</depth>")
        .contains("<allocated_samples>32</allocated_samples>");
    assertThat(EndpointAttributes.preallocatedSamples(mid)).isEqualTo(10);
    assertThat(EndpointAttributes.preallocatedSamples(large)).isEqualTo(10);
    assertThat(EndpointAttributes.preallocatedSamples(spec(3))).isEqualTo(3);
  }

  @Test
  void theAllocationFreeReaderOfTheFastPathPreallocatesItsWholeDepthWhateverTheSampleSize()
      throws IOException {
    Qos control =
        new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_LAST, 200);
    SubscriptionSpec commands = new SubscriptionSpec("/joint_commands", STRING, control, 4096);

    SubscriberAttributes relay =
        EndpointAttributes.fullyPreallocatedReader(commands, type, "rt/joint_commands");

    assertThat(relay.getHistoryDepth()).isEqualTo(200);
    assertThat(relay.marshall("r")).contains("<allocated_samples>200</allocated_samples>");
    assertThat(EndpointAttributes.preallocatedSamples(commands)).isEqualTo(16); // telemetry's cap
  }

  @Test
  void writerCarriesQosTopicTypeAndA100MsHeartbeat() throws IOException {
    PublisherAttributes writer = EndpointAttributes.writer(spec(10), type, "rt/chatter");

    assertThat(writer.getTopicName()).isEqualTo("rt/chatter");
    assertThat(writer.getTopicDataType()).isSameAs(type);
    assertThat(writer.getHistoryDepth()).isEqualTo(10);
    assertThat(writer.marshall("w"))
        .containsPattern("<heartbeatPeriod>\\s*<nanosec>100000000</nanosec>\\s*<sec>0</sec>");
  }
}
