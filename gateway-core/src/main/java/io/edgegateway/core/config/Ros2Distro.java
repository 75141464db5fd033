package io.edgegateway.core.config;

import java.util.Locale;

/**
 * The ROS 2 distribution whose bundled message definitions the gateway decodes with: Humble and
 * Jazzy (the LTS releases) and Rolling (the newest definitions). Definitions differ between them
 * (Jazzy's {@code sensor_msgs/Range} has a {@code variance} field that Humble's lacks), so a robot
 * on Humble needs {@code ros2.distro: humble}.
 */
public enum Ros2Distro {
  /** ROS 2 Humble Hawksbill (LTS, May 2022). */
  HUMBLE,
  /** ROS 2 Jazzy Jalisco (LTS, May 2024); the default. */
  JAZZY,
  /** ROS 2 Rolling Ridley: the development line, the newest definitions. */
  ROLLING;

  /** The name used in configuration and in the bundled resources: {@code humble}, .... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
