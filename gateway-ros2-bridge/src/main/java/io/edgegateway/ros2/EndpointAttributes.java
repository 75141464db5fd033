package io.edgegateway.ros2;

import io.edgegateway.core.port.SubscriptionSpec;
import us.ihmc.pubsub.attributes.PublisherAttributes;
import us.ihmc.pubsub.attributes.SubscriberAttributes;
import us.ihmc.pubsub.common.Time;

/**
 * The Fast-DDS attributes of a {@link FastDdsBus} endpoint for a spec: its {@link QosMapping QoS},
 * raw type and DDS topic, plus the reader's preallocated history ({@link BoundedReaderAttributes})
 * and the writer's heartbeat period.
 */
final class EndpointAttributes {
  /** Fast-DDS's default max_samples; preallocating more would be an invalid configuration. */
  private static final int MAX_PREALLOCATED_SAMPLES = 5000;

  private static final Time HEARTBEAT_PERIOD = new Time(0, 100_000_000L);

  private EndpointAttributes() {}

  static SubscriberAttributes reader(SubscriptionSpec spec, RawCdrDataType type, String ddsTopic) {
    return QosMapping.apply(
            (SubscriberAttributes)
                new BoundedReaderAttributes(Math.min(spec.qos().depth(), MAX_PREALLOCATED_SAMPLES)),
            spec.qos())
        .topicDataType(type)
        .topicName(ddsTopic);
  }

  static PublisherAttributes writer(SubscriptionSpec spec, RawCdrDataType type, String ddsTopic) {
    return QosMapping.apply(PublisherAttributes.create(), spec.qos())
        .topicDataType(type)
        .topicName(ddsTopic)
        .heartBeatPeriod(HEARTBEAT_PERIOD);
  }
}
