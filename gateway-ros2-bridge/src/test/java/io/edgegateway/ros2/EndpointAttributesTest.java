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
  void readerPreallocatesItsDepthUpToFastDdsMaxSamples() throws IOException {
    SubscriberAttributes shallow = EndpointAttributes.reader(spec(25), type, "rt/chatter");
    SubscriberAttributes deep = EndpointAttributes.reader(spec(20_000), type, "rt/chatter");

    assertThat(shallow.getTopicName()).isEqualTo("rt/chatter");
    assertThat(shallow.getTopicDataType()).isSameAs(type);
    assertThat(shallow.getHistoryDepth()).isEqualTo(25);
    assertThat(shallow.marshall("r"))
        .containsPattern("<allocated_samples>25</allocated_samples>")
        .contains(BoundedReaderAttributes.MEMORY_POLICY);
    assertThat(deep.getHistoryDepth()).isEqualTo(20_000);
    assertThat(deep.marshall("r")).containsPattern("<allocated_samples>5000</allocated_samples>");
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
