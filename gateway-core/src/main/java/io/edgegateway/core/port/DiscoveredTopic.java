package io.edgegateway.core.port;

import java.util.Objects;
import java.util.Optional;

/**
 * One topic seen on the bus.
 *
 * @param name for ROS 2 topics the ROS name ({@code /imu}); otherwise the DDS topic name
 * @param type for ROS 2 topics the ROS type ({@code sensor_msgs/msg/Imu}); otherwise the DDS type
 *     name. When publishers disagree, the first publisher's type.
 * @param publishers number of DDS writers on the topic, >= 1
 * @param ros whether the topic is a ROS 2 topic ({@code rt/} prefix and a ROS message type)
 * @param typeHash the RIHS01 type hash ({@code RIHS01_<hex>}) the first publisher announced in
 *     discovery (ROS 2 Iron and later), if any
 */
public record DiscoveredTopic(
    String name, String type, int publishers, boolean ros, Optional<String> typeHash) {
  public DiscoveredTopic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(typeHash, "typeHash");
    if (publishers < 1) {
      throw new IllegalArgumentException("publishers : " + publishers + " (expected: >= 1)");
    }
  }

  /** A topic whose publishers announced no type hash. */
  public DiscoveredTopic(String name, String type, int publishers, boolean ros) {
    this(name, type, publishers, ros, Optional.empty());
  }
}
