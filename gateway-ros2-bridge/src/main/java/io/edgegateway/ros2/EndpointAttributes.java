package io.edgegateway.ros2;

import io.edgegateway.core.port.SubscriptionSpec;
import us.ihmc.pubsub.attributes.PublisherAttributes;
import us.ihmc.pubsub.attributes.SubscriberAttributes;
import us.ihmc.pubsub.common.Time;

/**
 * The Fast-DDS attributes of a {@link FastDdsBus} endpoint for a spec: its {@link QosMapping QoS},
 * raw type and DDS topic, plus the reader's preallocated history ({@link BoundedReaderAttributes},
 * its depth up to {@link #PREALLOCATED_BYTES} of payload) and the writer's heartbeat period.
 */
final class EndpointAttributes {
  /** Fast-DDS's default max_samples; preallocating more would be an invalid configuration. */
  private static final int MAX_PREALLOCATED_SAMPLES = 5000;

  /**
   * Payload bytes a reader reserves up front beyond {@link #MIN_PREALLOCATED_SAMPLES}: its history
   * depth of samples of its max sample size, at most this much. Fast-DDS's preallocated pool grows
   * by fixed-size payloads up to the depth when samples wait, so a deep history of large samples
   * costs memory only while it is used: a control reader of small samples reserves its whole depth
   * (no allocation on the fast path), a 2 KiB IMU reader 32 of telemetry's 100, the default 256 KiB
   * limit 10. A 1 MiB budget (tried with telemetry's depth of 100) put 250 topics' RSS at 372 MiB
   * instead of 260 (docs/benchmarks.md, "Many topics").
   */
  static final long PREALLOCATED_BYTES = 64L << 10;

  /** Samples a reader always reserves (up to its depth): Fast-DDS's usual depth. */
  static final int MIN_PREALLOCATED_SAMPLES = 10;

  private static final Time HEARTBEAT_PERIOD = new Time(0, 100_000_000L);

  private EndpointAttributes() {}

  static SubscriberAttributes reader(SubscriptionSpec spec, RawCdrDataType type, String ddsTopic) {
    return reader(spec, type, ddsTopic, preallocatedSamples(spec));
  }

  /**
   * A reader that preallocates its whole depth (up to Fast-DDS's max_samples) whatever its sample
   * size: the allocation-free path ({@code subscribeRaw}, the control relay), which must not grow
   * its pool while control samples wait.
   */
  static SubscriberAttributes fullyPreallocatedReader(
      SubscriptionSpec spec, RawCdrDataType type, String ddsTopic) {
    return reader(spec, type, ddsTopic, Math.min(spec.qos().depth(), MAX_PREALLOCATED_SAMPLES));
  }

  private static SubscriberAttributes reader(
      SubscriptionSpec spec, RawCdrDataType type, String ddsTopic, int preallocated) {
    return QosMapping.apply(
            (SubscriberAttributes) new BoundedReaderAttributes(preallocated), spec.qos())
        .topicDataType(type)
        .topicName(ddsTopic);
  }

  /** Samples a reader for {@code spec} preallocates; see {@link #PREALLOCATED_BYTES}. */
  static int preallocatedSamples(SubscriptionSpec spec) {
    long byBytes =
        Math.max(MIN_PREALLOCATED_SAMPLES, PREALLOCATED_BYTES / Math.max(1, spec.maxSampleBytes()));
    return (int) Math.min(Math.min(spec.qos().depth(), MAX_PREALLOCATED_SAMPLES), byBytes);
  }

  static PublisherAttributes writer(SubscriptionSpec spec, RawCdrDataType type, String ddsTopic) {
    return QosMapping.apply(PublisherAttributes.create(), spec.qos())
        .topicDataType(type)
        .topicName(ddsTopic)
        .heartBeatPeriod(HEARTBEAT_PERIOD);
  }
}
