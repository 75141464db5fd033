package io.edgegateway.testkit.cdr;

import java.util.Objects;

/**
 * The time base every humanoid sample is a function of: the stamp in seconds and a phase per topic,
 * so two topics of one type carry different but reproducible waves.
 *
 * <p>Implementation notes: values are sine waves of the stamp time computed with {@link
 * StrictMath}, so encodings are bit-identical on every JVM.
 */
final class Waveforms {
  static final double TWO_PI = 2 * Math.PI;

  private Waveforms() {}

  /** The stamp as seconds. */
  static double seconds(long stampNanos) {
    return stampNanos / 1e9;
  }

  /** A phase in {@code [0, 6.283)} derived from the topic name. */
  static double phase(String topic) {
    return Math.floorMod(Objects.requireNonNull(topic, "topic").hashCode(), 6283) / 1000.0;
  }
}
