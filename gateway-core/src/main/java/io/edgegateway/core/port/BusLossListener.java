package io.edgegateway.core.port;

/**
 * Told by the bus of samples lost on a subscription before they reached its handler, by reason.
 * Called on a bus-owned thread; must not block.
 */
@FunctionalInterface
public interface BusLossListener {
  /** A listener that ignores every loss (the bus still counts them per subscription). */
  BusLossListener NONE = (topic, reason, samples) -> {};

  /**
   * Called once per detected loss.
   *
   * @param topic the subscription's ROS 2 topic
   * @param reason why the samples were lost
   * @param samples how many samples, at least 1
   */
  void onLost(String topic, DdsLossReason reason, long samples);

  /**
   * Called when the bus opens a subscription on {@code topic}, before any loss on it, so a listener
   * can export zero counts. The default does nothing.
   */
  default void onSubscribed(String topic) {}
}
