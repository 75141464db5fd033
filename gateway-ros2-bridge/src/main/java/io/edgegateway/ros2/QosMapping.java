package io.edgegateway.ros2;

import com.eprosima.xmlschemas.fastrtps_profiles.DurabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.HistoryQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.ReliabilityQosKindPolicyType;
import io.edgegateway.core.port.Qos;
import us.ihmc.pubsub.attributes.CommonAttributes;

/**
 * Maps the gateway's {@link Qos} onto Fast-DDS endpoint attributes. Every policy is set explicitly:
 * ihmc's own profiles keep only the last sample, which is not what ROS 2 does.
 */
final class QosMapping {
  private QosMapping() {}

  static <T extends CommonAttributes<T>> T apply(T attributes, Qos qos) {
    return attributes
        .reliabilityKind(reliability(qos.reliability()))
        .durabilityKind(durability(qos.durability()))
        .historyQosPolicyKind(history(qos.history()))
        .historyDepth(qos.depth());
  }

  static ReliabilityQosKindPolicyType reliability(Qos.Reliability reliability) {
    return switch (reliability) {
      case BEST_EFFORT -> ReliabilityQosKindPolicyType.BEST_EFFORT;
      case RELIABLE -> ReliabilityQosKindPolicyType.RELIABLE;
    };
  }

  static DurabilityQosKindPolicyType durability(Qos.Durability durability) {
    return switch (durability) {
      case VOLATILE -> DurabilityQosKindPolicyType.VOLATILE;
      case TRANSIENT_LOCAL -> DurabilityQosKindPolicyType.TRANSIENT_LOCAL;
    };
  }

  static HistoryQosKindPolicyType history(Qos.History history) {
    return switch (history) {
      case KEEP_LAST -> HistoryQosKindPolicyType.KEEP_LAST;
      case KEEP_ALL -> HistoryQosKindPolicyType.KEEP_ALL;
    };
  }
}
