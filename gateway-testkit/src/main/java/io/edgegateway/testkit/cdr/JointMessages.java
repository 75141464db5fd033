package io.edgegateway.testkit.cdr;

import static io.edgegateway.testkit.cdr.RosHeaders.header;
import static io.edgegateway.testkit.cdr.Waveforms.TWO_PI;
import static io.edgegateway.testkit.cdr.Waveforms.phase;
import static io.edgegateway.testkit.cdr.Waveforms.seconds;

import java.util.List;

/**
 * The humanoid's joint messages: {@code sensor_msgs/msg/JointState} (measured) and {@code
 * trajectory_msgs/msg/JointTrajectory} (commanded), over the 29 joints, each moving on a sine wave
 * of its own amplitude and frequency.
 *
 * <p>Implementation notes: unbounded arrays ({@code float64[]}, {@code string[]}) carry a length
 * prefix; field order follows the {@code .msg} definitions in {@code common_interfaces}.
 */
final class JointMessages {

  /** The 29 joints of the humanoid, in {@code JointState} order (Unitree G1 29-DoF naming). */
  static final List<String> JOINT_NAMES =
      List.of(
          "left_hip_pitch_joint",
          "left_hip_roll_joint",
          "left_hip_yaw_joint",
          "left_knee_joint",
          "left_ankle_pitch_joint",
          "left_ankle_roll_joint",
          "right_hip_pitch_joint",
          "right_hip_roll_joint",
          "right_hip_yaw_joint",
          "right_knee_joint",
          "right_ankle_pitch_joint",
          "right_ankle_roll_joint",
          "waist_yaw_joint",
          "waist_roll_joint",
          "waist_pitch_joint",
          "left_shoulder_pitch_joint",
          "left_shoulder_roll_joint",
          "left_shoulder_yaw_joint",
          "left_elbow_joint",
          "left_wrist_roll_joint",
          "left_wrist_pitch_joint",
          "left_wrist_yaw_joint",
          "right_shoulder_pitch_joint",
          "right_shoulder_roll_joint",
          "right_shoulder_yaw_joint",
          "right_elbow_joint",
          "right_wrist_roll_joint",
          "right_wrist_pitch_joint",
          "right_wrist_yaw_joint");

  /**
   * The same 29 joints in the compact spelling the command stream uses, so a {@code
   * JointTrajectory} command stays near the profile's 600 bytes.
   */
  static final List<String> COMMAND_JOINT_NAMES =
      List.of(
          "l_hip_p", "l_hip_r", "l_hip_y", "l_knee", "l_ank_p", "l_ank_r", "r_hip_p", "r_hip_r",
          "r_hip_y", "r_knee", "r_ank_p", "r_ank_r", "waist_y", "waist_r", "waist_p", "l_sho_p",
          "l_sho_r", "l_sho_y", "l_elbow", "l_wr_r", "l_wr_p", "l_wr_y", "r_sho_p", "r_sho_r",
          "r_sho_y", "r_elbow", "r_wr_r", "r_wr_p", "r_wr_y");

  private static final int JOINTS = 29;
  private static final long COMMAND_PERIOD_NANOS = 2_000_000L;

  private JointMessages() {}

  /** {@code sensor_msgs/msg/JointState}: 29 named joints with position, velocity and effort. */
  static byte[] jointState(String topic, long seq, long stampNanos) {
    return jointState(topic, seq, stampNanos, SensorNoise.NONE, 1);
  }

  /**
   * {@code sensor_msgs/msg/JointState} with {@code noise}: positions quantized to the encoder's
   * counts, velocities as a drive derives them (the difference of two quantized positions {@code
   * 1/rateHz} apart), efforts with white noise.
   */
  static byte[] jointState(
      String topic, long seq, long stampNanos, SensorNoise noise, double rateHz) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    double[] position = new double[JOINTS];
    double[] velocity = new double[JOINTS];
    double[] effort = new double[JOINTS];
    double count = noise.encoderCountsPerRev() == 0 ? 0 : TWO_PI / noise.encoderCountsPerRev();
    for (int i = 0; i < JOINTS; i++) {
      double amplitude = jointAmplitude(i);
      double omega = TWO_PI * jointFrequency(i);
      double angle = omega * t + phase + i;
      position[i] = amplitude * StrictMath.sin(angle);
      velocity[i] = amplitude * omega * StrictMath.cos(angle);
      effort[i] = 4.0 + 12.0 * (i % 6) / 5.0 * StrictMath.sin(angle + 0.5);
      if (noise.isNone()) {
        continue;
      }
      if (count > 0) {
        double previous = amplitude * StrictMath.sin(angle - omega / rateHz);
        position[i] = StrictMath.rint(position[i] / count) * count;
        velocity[i] = (position[i] - StrictMath.rint(previous / count) * count) * rateHz;
      }
      effort[i] += noise.effortNoise() * SensorNoise.white(topic, seq, i);
    }
    CdrWriter w = new CdrWriter(1_600);
    header(w, stampNanos, "");
    w.sequenceLength(JOINTS);
    for (String name : JOINT_NAMES) {
      w.string(name);
    }
    return w.float64s(position).float64s(velocity).float64s(effort).toByteArray();
  }

  /**
   * {@code trajectory_msgs/msg/JointTrajectory}: a streamed position command, one point for the 29
   * joints ({@link #COMMAND_JOINT_NAMES}), positions only, reached 2 ms from now.
   */
  static byte[] jointTrajectory(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos + COMMAND_PERIOD_NANOS);
    double phase = phase(topic);
    double[] positions = new double[JOINTS];
    for (int i = 0; i < JOINTS; i++) {
      positions[i] = jointAmplitude(i) * StrictMath.sin(TWO_PI * jointFrequency(i) * t + phase + i);
    }
    CdrWriter w = new CdrWriter(640);
    header(w, stampNanos, "");
    w.sequenceLength(JOINTS);
    for (String name : COMMAND_JOINT_NAMES) {
      w.string(name);
    }
    w.sequenceLength(1)
        .float64s(positions)
        .sequenceLength(0)
        .sequenceLength(0)
        .sequenceLength(0)
        .time(0, (int) COMMAND_PERIOD_NANOS);
    return w.toByteArray();
  }

  private static double jointAmplitude(int joint) {
    return 0.15 + 0.05 * (joint % 5);
  }

  private static double jointFrequency(int joint) {
    return 0.45 + 0.15 * (joint % 4);
  }
}
