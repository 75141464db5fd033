package io.edgegateway.testkit.cdr;

import static io.edgegateway.testkit.cdr.RosHeaders.frameId;
import static io.edgegateway.testkit.cdr.RosHeaders.header;
import static io.edgegateway.testkit.cdr.Waveforms.TWO_PI;
import static io.edgegateway.testkit.cdr.Waveforms.phase;
import static io.edgegateway.testkit.cdr.Waveforms.seconds;

import java.util.Locale;

/**
 * The small status and state messages of the {@code many-topics} load, beyond the humanoid's own:
 * {@code sensor_msgs/msg/Temperature}, {@code sensor_msgs/msg/BatteryState}, {@code
 * geometry_msgs/msg/PoseStamped}, {@code geometry_msgs/msg/TwistStamped}, {@code
 * std_msgs/msg/Float64}, {@code std_msgs/msg/String} and {@code nav_msgs/msg/Odometry}.
 *
 * <p>Implementation notes: like every humanoid sample, each is a pure function of {@code (topic,
 * seq, stampNanos)} built from {@link StrictMath} sine waves with a per-topic phase; fixed-size
 * covariances ({@code float64[36]}) carry no length prefix, {@code float32[]} cell arrays do.
 */
final class FleetMessages {
  private static final int BATTERY_CELLS = 12;

  private FleetMessages() {}

  /** {@code sensor_msgs/msg/Temperature}: a motor or board temperature drifting around 45 °C. */
  static byte[] temperature(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    CdrWriter w = new CdrWriter(64);
    header(w, stampNanos, frameId(topic, "_link"));
    return w.float64(45 + 8 * StrictMath.sin(TWO_PI * 0.01 * t + phase(topic)))
        .float64(0.05)
        .toByteArray();
  }

  /** {@code sensor_msgs/msg/BatteryState}: a 12-cell Li-ion pack slowly discharging. */
  static byte[] batteryState(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    double percentage = 0.6 + 0.3 * StrictMath.sin(TWO_PI * 0.001 * t + phase);
    CdrWriter w = new CdrWriter(192);
    header(w, stampNanos, frameId(topic, "_link"));
    w.float32((float) (44.4 + 4 * percentage))
        .float32((float) (31 + StrictMath.sin(TWO_PI * 0.01 * t)))
        .float32((float) (-12 + 3 * StrictMath.sin(TWO_PI * 0.9 * t + phase)))
        .float32((float) (9 * percentage))
        .float32(9.0f)
        .float32(10.0f)
        .float32((float) percentage)
        .uint8(2)
        .uint8(1)
        .uint8(2)
        .bool(true);
    w.sequenceLength(BATTERY_CELLS);
    for (int c = 0; c < BATTERY_CELLS; c++) {
      w.float32((float) (3.7 + 0.33 * percentage + 0.002 * StrictMath.sin(phase + c)));
    }
    w.sequenceLength(BATTERY_CELLS);
    for (int c = 0; c < BATTERY_CELLS; c++) {
      w.float32((float) (31 + 0.5 * StrictMath.sin(TWO_PI * 0.01 * t + c)));
    }
    return w.string("slot0")
        .string(String.format(Locale.ROOT, "BAT-%08X", topic.hashCode()))
        .toByteArray();
  }

  /** {@code geometry_msgs/msg/PoseStamped}: a tracked frame swaying with the gait. */
  static byte[] poseStamped(String topic, long seq, long stampNanos) {
    CdrWriter w = new CdrWriter(96);
    header(w, stampNanos, "odom");
    pose(w, topic, stampNanos);
    return w.toByteArray();
  }

  /** {@code geometry_msgs/msg/TwistStamped}: a measured body velocity. */
  static byte[] twistStamped(String topic, long seq, long stampNanos) {
    CdrWriter w = new CdrWriter(96);
    header(w, stampNanos, frameId(topic, "_link"));
    twist(w, topic, stampNanos);
    return w.toByteArray();
  }

  /** {@code std_msgs/msg/Float64}: one scalar reading (a pressure, a duty cycle). */
  static byte[] float64(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    return new CdrWriter(16)
        .float64(101.3 + 0.4 * StrictMath.sin(TWO_PI * 0.2 * t + phase(topic)))
        .toByteArray();
  }

  /** {@code std_msgs/msg/String}: a short state-machine status line. */
  static byte[] string(String topic, long seq, long stampNanos) {
    String[] states = {"IDLE", "WALKING", "STANDING", "CHARGING"};
    int state = (int) Math.floorMod(stampNanos / 5_000_000_000L, states.length);
    return new CdrWriter(64)
        .string(String.format(Locale.ROOT, "state=%s seq=%d", states[state], seq))
        .toByteArray();
  }

  /** {@code nav_msgs/msg/Odometry}: pose and twist with their 6x6 covariances. */
  static byte[] odometry(String topic, long seq, long stampNanos) {
    CdrWriter w = new CdrWriter(720);
    header(w, stampNanos, "odom");
    w.string("base_link");
    pose(w, topic, stampNanos);
    covariance6(w, 1e-3);
    twist(w, topic, stampNanos);
    covariance6(w, 4e-3);
    return w.toByteArray();
  }

  private static void pose(CdrWriter w, String topic, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    double yaw = 0.3 * StrictMath.sin(TWO_PI * 0.02 * t + phase);
    w.float64(0.5 * t % 100)
        .float64(0.2 * StrictMath.sin(TWO_PI * 0.02 * t + phase))
        .float64(0.75 + 0.02 * StrictMath.sin(TWO_PI * 0.9 * t + phase))
        .float64(0)
        .float64(0)
        .float64(StrictMath.sin(yaw / 2))
        .float64(StrictMath.cos(yaw / 2));
  }

  private static void twist(CdrWriter w, String topic, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    w.float64(0.5 + 0.1 * StrictMath.sin(TWO_PI * 0.9 * t + phase))
        .float64(0.05 * StrictMath.sin(TWO_PI * 0.45 * t + phase))
        .float64(0.02 * StrictMath.sin(TWO_PI * 1.8 * t + phase))
        .float64(0)
        .float64(0)
        .float64(0.3 * TWO_PI * 0.02 * StrictMath.cos(TWO_PI * 0.02 * t + phase));
  }

  private static void covariance6(CdrWriter w, double variance) {
    for (int i = 0; i < 36; i++) {
      w.float64(i % 7 == 0 ? variance : 0.0);
    }
  }
}
