package io.edgegateway.testkit.cdr;

import static io.edgegateway.testkit.cdr.RosHeaders.header;
import static io.edgegateway.testkit.cdr.Waveforms.TWO_PI;
import static io.edgegateway.testkit.cdr.Waveforms.phase;
import static io.edgegateway.testkit.cdr.Waveforms.seconds;

import java.util.Locale;

/**
 * The humanoid's health report, {@code diagnostic_msgs/msg/DiagnosticArray}: one status per
 * component (joint drivers, power, sensors, compute) with its readings as key-value strings.
 */
final class DiagnosticMessages {
  private static final String[] DIAGNOSTIC_COMPONENTS = {
    "joint_driver/left_leg",
    "joint_driver/right_leg",
    "joint_driver/waist",
    "joint_driver/left_arm",
    "joint_driver/right_arm",
    "power/battery",
    "sensors/imu_torso",
    "sensors/imu_pelvis",
    "sensors/camera_head",
    "sensors/camera_left",
    "sensors/camera_right",
    "compute/main_board"
  };

  private DiagnosticMessages() {}

  /**
   * Twelve component statuses, each with temperature, voltage, current and error count; a component
   * whose temperature passes 70 °C reports WARN.
   */
  static byte[] diagnosticArray(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    CdrWriter w = new CdrWriter(2_560);
    header(w, stampNanos, "");
    w.sequenceLength(DIAGNOSTIC_COMPONENTS.length);
    for (int i = 0; i < DIAGNOSTIC_COMPONENTS.length; i++) {
      double temperature = 55.0 + 18.0 * StrictMath.sin(TWO_PI * 0.01 * t + phase + i);
      double voltage = 48.0 - 1.5 * StrictMath.sin(TWO_PI * 0.002 * t + phase);
      double current = 6.0 + 4.0 * StrictMath.sin(TWO_PI * 0.9 * t + phase + 0.4 * i);
      boolean warn = temperature > 70.0;
      w.uint8(warn ? 1 : 0)
          .string(DIAGNOSTIC_COMPONENTS[i])
          .string(warn ? "temperature high" : "OK")
          .string(String.format(Locale.ROOT, "g1-0001-%02d", i))
          .sequenceLength(4);
      w.string("temperature_c").string(format(temperature));
      w.string("voltage_v").string(format(voltage));
      w.string("current_a").string(format(current));
      w.string("error_count").string(Long.toString(seq / 600 % 3));
    }
    return w.toByteArray();
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
