package io.edgegateway.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class E2eOptionsTest {
  @Test
  void theWarmUpDefaultsToAThirdOfTheHealthyPhaseAndAtMostTenSeconds() {
    assertThat(E2eOptions.parse("--scenario", "humanoid-1").warmup()).isEqualTo(10.0);
    assertThat(E2eOptions.parse("--scenario", "humanoid-1", "--seconds", "30").warmup())
        .isCloseTo(20.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(E2eOptions.parse("--scenario", "max", "--warmup", "0").warmup()).isZero();
  }

  @Test
  void rejectsAWarmUpThatLeavesNoCpuWindow() {
    assertThatThrownBy(
            () ->
                E2eOptions.parse("--scenario", "humanoid-1", "--seconds", "30", "--warmup", "19.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--warmup : 19.5");
  }
}
