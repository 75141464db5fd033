package io.edgegateway.testkit.cdr;

/**
 * The {@code std_msgs/msg/Header} of a humanoid sample: stamp {@code stampNanos}, frame id derived
 * from the topic ({@code /imu/torso} → {@code torso_imu_link}).
 */
final class RosHeaders {
  private RosHeaders() {}

  /**
   * Writes the header stamped {@code stampNanos} (seconds and nanoseconds) with {@code frameId}.
   */
  static void header(CdrWriter w, long stampNanos, String frameId) {
    w.header(
        (int) Math.floorDiv(stampNanos, 1_000_000_000L),
        (int) Math.floorMod(stampNanos, 1_000_000_000L),
        frameId);
  }

  /** {@code /imu/torso} → {@code torso_imu} + suffix; {@code compressed} segments are dropped. */
  static String frameId(String topic, String suffix) {
    String[] parts = topic.split("/");
    StringBuilder frame = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      if (parts[i].isEmpty() || parts[i].equals("compressed")) {
        continue;
      }
      if (frame.length() > 0) {
        frame.append('_');
      }
      frame.append(parts[i]);
    }
    return frame.append(suffix).toString();
  }
}
