package io.edgegateway.testkit.cdr;

import static io.edgegateway.testkit.cdr.RosHeaders.frameId;
import static io.edgegateway.testkit.cdr.RosHeaders.header;
import static io.edgegateway.testkit.cdr.Waveforms.TWO_PI;
import static io.edgegateway.testkit.cdr.Waveforms.phase;
import static io.edgegateway.testkit.cdr.Waveforms.seconds;

/**
 * The humanoid's body-motion messages: {@code sensor_msgs/msg/Imu} and {@code
 * geometry_msgs/msg/WrenchStamped} sense a 0.9 Hz gait, {@code geometry_msgs/msg/Twist} commands a
 * slowly weaving walk.
 *
 * <p>Implementation notes: fixed-size arrays ({@code float64[9]} covariances) carry no length
 * prefix.
 */
final class MotionMessages {
  private static final double GRAVITY = 9.80665;

  private MotionMessages() {}

  /**
   * {@code sensor_msgs/msg/Imu}: orientation, angular velocity, linear acceleration, covariances.
   */
  static byte[] imu(String topic, long seq, long stampNanos) {
    return imu(topic, seq, stampNanos, SensorNoise.NONE, 1);
  }

  /**
   * {@code sensor_msgs/msg/Imu} with {@code noise} on the rates and accelerations (white noise at
   * {@code rateHz} plus bias walk); the orientation is the estimator's, left smooth.
   */
  static byte[] imu(String topic, long seq, long stampNanos, SensorNoise noise, double rateHz) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    double gait = TWO_PI * 0.9 * t + phase;
    double roll = 0.04 * StrictMath.sin(gait);
    double pitch = 0.03 * StrictMath.sin(gait / 2 + 0.3);
    double yaw = 0.2 * StrictMath.sin(TWO_PI * 0.05 * t + phase);
    double cr = StrictMath.cos(roll / 2);
    double sr = StrictMath.sin(roll / 2);
    double cp = StrictMath.cos(pitch / 2);
    double sp = StrictMath.sin(pitch / 2);
    double cy = StrictMath.cos(yaw / 2);
    double sy = StrictMath.sin(yaw / 2);
    CdrWriter w = new CdrWriter(352);
    header(w, stampNanos, frameId(topic, "_link"));
    w.float64(sr * cp * cy - cr * sp * sy)
        .float64(cr * sp * cy + sr * cp * sy)
        .float64(cr * cp * sy - sr * sp * cy)
        .float64(cr * cp * cy + sr * sp * sy);
    diagonal(w, 1e-4);
    double[] rates = {
      0.04 * TWO_PI * 0.9 * StrictMath.cos(gait),
      0.03 * TWO_PI * 0.45 * StrictMath.cos(gait / 2 + 0.3),
      0.2 * TWO_PI * 0.05 * StrictMath.cos(TWO_PI * 0.05 * t + phase)
    };
    double[] accel = {
      0.6 * StrictMath.sin(gait + 1.1),
      0.4 * StrictMath.sin(gait + 2.3),
      GRAVITY + 1.5 * StrictMath.sin(2 * gait)
    };
    if (!noise.isNone()) {
      double gyroSigma = SensorNoise.perSample(noise.gyroNoiseDensity(), rateHz);
      double accelSigma = SensorNoise.perSample(noise.accelNoiseDensity(), rateHz);
      for (int i = 0; i < 3; i++) {
        rates[i] +=
            gyroSigma * SensorNoise.white(topic, seq, i)
                + noise.gyroBiasWalk() * SensorNoise.walk(topic, i, t);
        accel[i] +=
            accelSigma * SensorNoise.white(topic, seq, 3 + i)
                + noise.accelBiasWalk() * SensorNoise.walk(topic, 3 + i, t);
      }
    }
    w.float64(rates[0]).float64(rates[1]).float64(rates[2]);
    diagonal(w, 2.5e-5);
    w.float64(accel[0]).float64(accel[1]).float64(accel[2]);
    diagonal(w, 4e-4);
    return w.toByteArray();
  }

  /** {@code geometry_msgs/msg/WrenchStamped}: force and torque of a 6-axis F/T sensor. */
  static byte[] wrenchStamped(String topic, long seq, long stampNanos) {
    return wrenchStamped(topic, seq, stampNanos, SensorNoise.NONE);
  }

  /** {@code geometry_msgs/msg/WrenchStamped} with {@code noise} on each of the six axes. */
  static byte[] wrenchStamped(String topic, long seq, long stampNanos, SensorNoise noise) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    double gait = TWO_PI * 0.9 * t + phase;
    boolean ankle = topic.contains("ankle");
    double load = ankle ? 300.0 + 250.0 * StrictMath.sin(gait) : 8.0 + 5.0 * StrictMath.sin(gait);
    double[] wrench = {
      0.08 * load * StrictMath.sin(gait + 0.7),
      0.05 * load * StrictMath.sin(gait + 1.9),
      load,
      0.01 * load * StrictMath.sin(gait + 0.2),
      0.012 * load * StrictMath.sin(gait + 2.8),
      0.002 * load * StrictMath.sin(gait + 1.3)
    };
    if (!noise.isNone()) {
      for (int i = 0; i < 6; i++) {
        double sigma = i < 3 ? noise.forceNoise() : noise.torqueNoise();
        wrench[i] += sigma * SensorNoise.white(topic, seq, i);
      }
    }
    CdrWriter w = new CdrWriter(96);
    header(w, stampNanos, frameId(topic, "_link"));
    for (double v : wrench) {
      w.float64(v);
    }
    return w.toByteArray();
  }

  /** {@code geometry_msgs/msg/Twist}: a slowly weaving walking velocity command. */
  static byte[] twist(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    double phase = phase(topic);
    return new CdrWriter(64)
        .float64(0.5 + 0.3 * StrictMath.sin(TWO_PI * 0.02 * t + phase))
        .float64(0.05 * StrictMath.sin(TWO_PI * 0.07 * t + phase))
        .float64(0.0)
        .float64(0.0)
        .float64(0.0)
        .float64(0.3 * StrictMath.sin(TWO_PI * 0.03 * t + phase))
        .toByteArray();
  }

  /** A {@code float64[9]} covariance with {@code variance} on the diagonal. */
  private static void diagonal(CdrWriter w, double variance) {
    for (int i = 0; i < 9; i++) {
      w.float64(i % 4 == 0 ? variance : 0.0);
    }
  }
}
