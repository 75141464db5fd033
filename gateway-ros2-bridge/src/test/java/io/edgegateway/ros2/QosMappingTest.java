package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import com.eprosima.xmlschemas.fastrtps_profiles.DurabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.HistoryQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.ReliabilityQosKindPolicyType;
import io.edgegateway.core.port.Qos;
import org.junit.jupiter.api.Test;
import us.ihmc.pubsub.attributes.PublisherAttributes;
import us.ihmc.pubsub.attributes.SubscriberAttributes;

class QosMappingTest {

  @Test
  void setsEveryPolicyOnSubscribers() {
    SubscriberAttributes attributes =
        QosMapping.apply(
            SubscriberAttributes.create(),
            new Qos(
                Qos.Reliability.RELIABLE,
                Qos.Durability.TRANSIENT_LOCAL,
                Qos.History.KEEP_LAST,
                25));
    assertThat(attributes.getReliabilityKind()).isEqualTo(ReliabilityQosKindPolicyType.RELIABLE);
    assertThat(attributes.getDurabilityKind())
        .isEqualTo(DurabilityQosKindPolicyType.TRANSIENT_LOCAL);
    assertThat(attributes.getHistoryQosPolicyKind()).isEqualTo(HistoryQosKindPolicyType.KEEP_LAST);
    assertThat(attributes.getHistoryDepth()).isEqualTo(25);
  }

  @Test
  void setsEveryPolicyOnPublishers() {
    PublisherAttributes attributes =
        QosMapping.apply(
            PublisherAttributes.create(),
            new Qos(Qos.Reliability.BEST_EFFORT, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 3));
    assertThat(attributes.getReliabilityKind()).isEqualTo(ReliabilityQosKindPolicyType.BEST_EFFORT);
    assertThat(attributes.getDurabilityKind()).isEqualTo(DurabilityQosKindPolicyType.VOLATILE);
    assertThat(attributes.getHistoryQosPolicyKind()).isEqualTo(HistoryQosKindPolicyType.KEEP_ALL);
    assertThat(attributes.getHistoryDepth()).isEqualTo(3);
  }
}
