package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import us.ihmc.pubsub.common.Time;

class StampedSampleInfoTest {

  @Test
  void keepsSecondsWhenNanosecondsAreSetTheWayIhmcDoes() {
    StampedSampleInfo info = new StampedSampleInfo();
    Time stamp = info.getSourceTimestamp();
    stamp.setSeconds(1_795_537_209);
    stamp.set(95_064_803L);
    assertThat(info.sourceStampNs()).isEqualTo(1_795_537_209_095_064_803L);
  }

  @Test
  void acceptsTotalNanoseconds() {
    StampedSampleInfo info = new StampedSampleInfo();
    info.getSourceTimestamp().set(1_795_537_209_095_064_803L);
    assertThat(info.sourceStampNs()).isEqualTo(1_795_537_209_095_064_803L);
  }

  @Test
  void reportsZeroWithoutTimestamp() {
    StampedSampleInfo info = new StampedSampleInfo();
    assertThat(info.sourceStampNs()).isZero();
    info.getSourceTimestamp().setSeconds(-1);
    info.getSourceTimestamp().set(Time.Invalid);
    assertThat(info.sourceStampNs()).isZero();
  }
}
