package io.edgegateway.core.port;

import java.util.List;

/**
 * What is published on the bus, as DDS discovery reports it: topics appear with their first
 * publisher and vanish with their last.
 *
 * <p>Events for ROS 2 topics ({@link DiscoveredTopic#ros()}) go to the listener; other DDS topics
 * (services {@code rq/}, {@code rr/}, {@code ros_discovery_info}, plain DDS) are only listed by
 * {@link #topics()}. A discovery that cannot run (its helper is missing or keeps failing) logs why
 * and reports nothing; the rest of the gateway keeps working.
 */
public interface TopicDiscovery extends AutoCloseable {

  /**
   * Starts reporting to {@code listener}. Events arrive one at a time, in order, on a thread owned
   * by the discovery. Call once.
   */
  void start(Listener listener);

  /** The topics published right now, ROS 2 and other, sorted by name. */
  List<DiscoveredTopic> topics();

  /** Whether discovery is running and has reported its first view of the bus. */
  boolean ready();

  /** Stops reporting and releases what discovery holds. Idempotent. */
  @Override
  void close();

  /** Receives topic events; implementations must not block for long. */
  interface Listener {
    /** A ROS 2 topic got its first publisher. */
    void topicAppeared(DiscoveredTopic topic);

    /** A ROS 2 topic lost its last publisher. */
    void topicVanished(DiscoveredTopic topic);
  }
}
