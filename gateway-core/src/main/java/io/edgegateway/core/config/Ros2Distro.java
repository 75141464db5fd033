package io.edgegateway.core.config;

import java.util.Locale;

/**
 * The ROS 2 distribution whose bundled message definitions the gateway decodes with: Humble and
 * Jazzy (the LTS releases) and Iron (between them). Definitions differ between them (Jazzy's {@code
 * sensor_msgs/Range} has a {@code variance} field that Humble's lacks), so a robot on Humble needs
 * {@code ros2.distro: humble}.
 */
public enum Ros2Distro {
  /** ROS 2 Humble Hawksbill (LTS, May 2022). */
  HUMBLE,
  /** ROS 2 Iron Irwini (May 2023, end of life since December 2024). */
  IRON,
  /** ROS 2 Jazzy Jalisco (LTS, May 2024); the default. */
  JAZZY;

  /** The name used in configuration and in the bundled resources: {@code humble}, .... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
