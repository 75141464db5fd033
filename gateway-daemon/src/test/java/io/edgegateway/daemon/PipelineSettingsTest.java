package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.daemon.PipelineSettings.IntakeBounds;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void intakeOfTheDefault256MibHeapHoldsAtMostAnEighthOfIt() {
    IntakeBounds b = PipelineSettings.intakeBounds(256 * MIB);
    assertThat(b.maxBytes()).isEqualTo(24 * MIB);
    assertThat(b.maxSamples()).isEqualTo(65_536);
    assertThat(heldAtMost(b)).isLessThanOrEqualTo(256 * MIB / 8 + 6 * MIB);
  }

  @Test
  void intakeOfA96MibHeapLeavesRoomForTheRestOfTheGateway() {
    IntakeBounds b = PipelineSettings.intakeBounds(96 * MIB);
    assertThat(b.maxBytes()).isEqualTo(9 * MIB);
    assertThat(b.maxSamples()).isEqualTo(32_768);
    assertThat(heldAtMost(b)).isEqualTo(96 * MIB / 8);
  }

  @Test
  void intakeOfALargeHeapStopsAtTheFixedMaximum() {
    IntakeBounds b = PipelineSettings.intakeBounds(8192 * MIB);
    assertThat(b.maxBytes()).isEqualTo(PipelineSettings.INTAKE_MAX_BYTES);
    assertThat(b.maxSamples()).isEqualTo(PipelineSettings.INTAKE_MAX_SAMPLES);
  }

  @Test
  void intakeOfATinyOrUnknownHeapStillGetsItsMinimumBudget() {
    IntakeBounds b = PipelineSettings.intakeBounds(0);
    assertThat(b.maxBytes()).isEqualTo(3 * MIB);
    assertThat(b.maxSamples()).isGreaterThan(10_000);
  }

  /** Payload bytes plus the samples' own objects when the intake is full on both bounds. */
  private static long heldAtMost(IntakeBounds b) {
    return b.maxBytes() + (long) b.maxSamples() * PipelineSettings.INTAKE_SAMPLE_OVERHEAD_BYTES;
  }
}
