package io.edgegateway.testkit.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import org.junit.jupiter.api.Test;

class SensorNoiseTest {
  private static final long STAMP = 1_750_000_000_123_456_789L;
  private static final SensorNoise TYPICAL = SensorNoise.typical();

  @Test
  void noNoiseLeavesEverySampleExactlyAsTheCleanEncoderWritesIt() {
    HumanoidProfile clean = HumanoidProfile.humanoid1();
    HumanoidProfile none = clean.withNoise(SensorNoise.NONE);
    for (TopicLoad load : clean.topics()) {
      for (long seq = 0; seq < 50; seq += 7) {
        long stamp = STAMP + seq * 1_000_000L;
        assertThat(none.encoder(load).encode(load.topic(), seq, stamp))
            .as(load.topic())
            .isEqualTo(HumanoidMessages.encoderFor(load.type()).encode(load.topic(), seq, stamp));
      }
    }
  }

  @Test
  void noisySamplesKeepTheirLayoutAndArePureFunctionsOfTopicSeqAndStamp() {
    HumanoidProfile noisy = HumanoidProfile.humanoid1().withNoise(TYPICAL);
    for (TopicLoad load : noisy.topics()) {
      byte[] a = noisy.encoder(load).encode(load.topic(), 42, STAMP);
      byte[] clean = HumanoidMessages.encoderFor(load.type()).encode(load.topic(), 42, STAMP);
      assertThat(a).as(load.topic()).isEqualTo(noisy.encoder(load).encode(load.topic(), 42, STAMP));
      assertThat(a.length).as(load.topic()).isEqualTo(clean.length);
    }
    TopicLoad imu = noisy.find("/imu/torso").orElseThrow();
    assertThat(noisy.encoder(imu).encode(imu.topic(), 42, STAMP))
        .isNotEqualTo(HumanoidMessages.imu(imu.topic(), 42, STAMP));
  }

  @Test
  void imuRateNoiseHasTheStandardDeviationItsDensityGivesAt1kHz() {
    int n = 4000;
    double sum = 0;
    double sumSq = 0;
    for (int seq = 0; seq < n; seq++) {
      long stamp = STAMP + seq * 1_000_000L; // 1 kHz: the bias walk barely moves in 4 s
      double noisy = angularVelocityX(MotionMessages.imu("/imu/torso", seq, stamp, TYPICAL, 1000));
      double clean = angularVelocityX(MotionMessages.imu("/imu/torso", seq, stamp));
      double d = noisy - clean;
      sum += d;
      sumSq += d * d;
    }
    double mean = sum / n;
    double sd = Math.sqrt(sumSq / n - mean * mean);
    double expected = TYPICAL.gyroNoiseDensity() * Math.sqrt(1000 / 2.0);
    assertThat(sd).isCloseTo(expected, within(expected * 0.1));
  }

  @Test
  void jointPositionsAreWholeEncoderCountsAndVelocityIsTheirDifference() {
    double count = 2 * Math.PI / TYPICAL.encoderCountsPerRev();
    long period = 2_000_000L;
    CdrReader a = skipToPositions(JointMessages.jointState("/j", 1, STAMP, TYPICAL, 500));
    CdrReader b = skipToPositions(JointMessages.jointState("/j", 2, STAMP + period, TYPICAL, 500));
    double[] first = a.float64s();
    double[] second = b.float64s();
    double[] secondVelocity = b.float64s();
    for (int i = 0; i < first.length; i++) {
      assertThat(first[i] / count).isCloseTo(Math.rint(first[i] / count), within(1e-6));
      assertThat(secondVelocity[i])
          .isCloseTo((second[i] - first[i]) * 500, within(count * 500 * 1e-6));
    }
  }

  @Test
  void biasWalkGrowsLikeARandomWalkOverTime() {
    double shortSpan = meanSquaredIncrement(1);
    double longSpan = meanSquaredIncrement(64);
    // a random walk's variance grows with the span; white noise's would not
    assertThat(longSpan / shortSpan).isBetween(16.0, 256.0);
  }

  @Test
  void namedNoiseIsNoneOrTypical() {
    assertThat(SensorNoise.named("none").isNone()).isTrue();
    assertThat(SensorNoise.named("typical")).isEqualTo(TYPICAL);
    assertThatThrownBy(() -> SensorNoise.named("loud"))
        .hasMessage("noise : loud (expected: none or typical)");
    assertThatThrownBy(() -> new SensorNoise(-1, 0, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double meanSquaredIncrement(double span) {
    double sum = 0;
    int n = 400;
    for (int i = 0; i < n; i++) {
      double t = i * 37.0;
      double d = SensorNoise.walk("/imu/torso", 0, t + span) - SensorNoise.walk("/imu/torso", 0, t);
      sum += d * d;
    }
    return sum / n;
  }

  private static double angularVelocityX(byte[] imu) {
    CdrReader r = new CdrReader(imu);
    r.header(new String[1]);
    r.float64s(4);
    r.float64s(9);
    return r.float64s(3)[0];
  }

  private static CdrReader skipToPositions(byte[] jointState) {
    CdrReader r = new CdrReader(jointState);
    r.header(new String[1]);
    r.strings();
    return r;
  }
}
