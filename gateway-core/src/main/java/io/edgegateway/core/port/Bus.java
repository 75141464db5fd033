package io.edgegateway.core.port;

/**
 * The ROS 2 (DDS) bus the gateway joins. Subscriptions are generic: samples arrive as raw CDR bytes
 * and the type is only a name, so any ROS 2 type can be carried without generated classes.
 */
public interface Bus extends AutoCloseable {

  /**
   * Subscribes to one topic. Samples are delivered to {@code handler} on a thread owned by the bus.
   *
   * @return a handle that cancels the subscription when closed
   */
  BusSubscription subscribe(SubscriptionSpec spec, SampleHandler handler);

  /**
   * Subscribes to one topic, delivering each sample in a buffer the bus reuses (valid only during
   * the handler call), so the receive path needs no per-sample allocation. The default copies each
   * sample into a fresh array through {@link #subscribe}; adapters override it to avoid the copy.
   *
   * @return a handle that cancels the subscription when closed
   */
  default BusSubscription subscribeRaw(SubscriptionSpec spec, RawSampleHandler handler) {
    return subscribe(
        spec, (sourceStampNs, payload) -> handler.onSample(sourceStampNs, payload, payload.length));
  }

  /** Creates a publisher for raw CDR samples of the given topic and type. */
  BusPublisher publisher(SubscriptionSpec spec);

  /** True once the bus participant has been created and is usable. */
  boolean joined();

  /** Leaves the bus; closes every subscription and publisher. Idempotent. */
  @Override
  void close();
}
