package io.edgegateway.testkit.cdr;

import java.util.Objects;

/**
 * Sensor noise the humanoid samples can carry, so codecs are measured on data that looks like a
 * real robot's rather than on clean sine waves: IMU white noise (as a noise density) and bias
 * random walk, joint encoder quantization (with the velocity a drive derives from it), and
 * force/torque and joint effort noise. {@link #NONE} leaves every sample exactly as without noise.
 *
 * <p>Implementation notes: every noise value is a pure function of {@code (topic, seq, channel)}
 * (white noise) or {@code (topic, channel, time)} (bias walk), like the samples themselves, so a
 * sample can be regenerated from its number alone. Normal deviates come from a SplitMix64 hash
 * through the Box–Muller transform computed with {@link StrictMath}, so they are bit-identical on
 * every JVM (the JDK's {@code nextGaussian} algorithms are not specified). The bias walk is not
 * integrated sample by sample (that would need state): it is a sum of 12 octaves of value noise
 * (Gaussian knots every 2^j s, linearly interpolated, weighted by √2^j), whose variance grows
 * linearly with the time span like a random walk's up to about an hour.
 *
 * @param gyroNoiseDensity gyroscope white noise, rad/s/√Hz
 * @param gyroBiasWalk gyroscope bias random walk, rad/s/√s
 * @param accelNoiseDensity accelerometer white noise, m/s²/√Hz
 * @param accelBiasWalk accelerometer bias random walk, m/s²/√s
 * @param encoderCountsPerRev joint encoder resolution; 0 for none (exact positions)
 * @param effortNoise joint effort white noise, N·m (standard deviation per sample)
 * @param forceNoise force/torque sensor force white noise, N (standard deviation per sample)
 * @param torqueNoise force/torque sensor torque white noise, N·m (standard deviation per sample)
 */
public record SensorNoise(
    double gyroNoiseDensity,
    double gyroBiasWalk,
    double accelNoiseDensity,
    double accelBiasWalk,
    long encoderCountsPerRev,
    double effortNoise,
    double forceNoise,
    double torqueNoise) {

  /** No noise: samples exactly as without. */
  public static final SensorNoise NONE = new SensorNoise(0, 0, 0, 0, 0, 0, 0, 0);

  private static final int OCTAVES = 12;

  public SensorNoise {
    for (double v :
        new double[] {
          gyroNoiseDensity,
          gyroBiasWalk,
          accelNoiseDensity,
          accelBiasWalk,
          effortNoise,
          forceNoise,
          torqueNoise
        }) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("noise : " + v + " (expected: finite and >= 0)");
      }
    }
    if (encoderCountsPerRev < 0) {
      throw new IllegalArgumentException(
          "encoderCountsPerRev : " + encoderCountsPerRev + " (expected: >= 0)");
    }
  }

  /**
   * Noise of typical humanoid hardware: a MEMS IMU of the BMI088 class (gyro 0.014 °/s/√Hz, accel
   * 175 µg/√Hz, bias walks of 2e-5 rad/s/√s and 3e-4 m/s²/√s), 14-bit absolute joint encoders, a
   * 6-axis force/torque sensor of the ATI Mini45 class (0.25 N, 0.005 N·m) and 0.05 N·m of joint
   * effort (motor current) noise.
   */
  public static SensorNoise typical() {
    return new SensorNoise(
        Math.toRadians(0.014), 2e-5, 175e-6 * 9.80665, 3e-4, 1L << 14, 0.05, 0.25, 0.005);
  }

  /**
   * The noise called {@code name}: {@code none} or {@code typical}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static SensorNoise named(String name) {
    return switch (Objects.requireNonNull(name, "name")) {
      case "none" -> NONE;
      case "typical" -> typical();
      default ->
          throw new IllegalArgumentException("noise : " + name + " (expected: none or typical)");
    };
  }

  /** True for {@link #NONE}-equivalent settings: samples are left exactly as they are. */
  public boolean isNone() {
    return equals(NONE);
  }

  /** A standard normal deviate for sample {@code seq} of {@code topic}, one per channel. */
  static double white(String topic, long seq, int channel) {
    long h = mix(mix(topic.hashCode() * 0x9E3779B97F4A7C15L + channel) ^ seq);
    return gaussian(h);
  }

  /**
   * A random walk of unit intensity (variance about {@code |t2 - t1|} between two times) on one
   * channel of {@code topic}, at {@code seconds}.
   */
  static double walk(String topic, int channel, double seconds) {
    double sum = 0;
    long base = mix(topic.hashCode() * 0xC2B2AE3D27D4EB4FL + channel);
    for (int j = 0; j < OCTAVES; j++) {
      double span = (double) (1L << j);
      double x = seconds / span;
      double k = StrictMath.floor(x);
      double f = x - k;
      long knot = (long) k;
      long seed = mix(base + j);
      double a = gaussian(mix(seed ^ knot));
      double b = gaussian(mix(seed ^ (knot + 1)));
      sum += StrictMath.sqrt(span) * (a + (b - a) * f);
    }
    // Each octave adds variance ~span/2 per span of time; together about 1 per second of span.
    return sum / StrictMath.sqrt(OCTAVES / 2.0);
  }

  /** White noise of {@code density} per √Hz, sampled at {@code rateHz} (σ = density·√(rate/2)). */
  static double perSample(double density, double rateHz) {
    return density * StrictMath.sqrt(rateHz / 2);
  }

  private static double gaussian(long h) {
    double u1 = ((h >>> 11) + 1) * 0x1.0p-53; // (0, 1]
    double u2 = (mix(h) >>> 11) * 0x1.0p-53; // [0, 1)
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
