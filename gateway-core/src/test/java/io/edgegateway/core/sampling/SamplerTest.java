package io.edgegateway.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final long MS = 1_000_000L;

  @Test
  void maxRateKeepsOneSamplePerPeriodFromA1kHzSource() {
    Sampler s = Sampler.maxRate(50);
    int kept = 0;
    for (int i = 0; i < 1000; i++) {
      if (s.accept(i * MS)) {
        kept++;
      }
    }
    assertThat(kept).isEqualTo(50);
  }

  @Test
  void maxRateKeepsTheFirstSampleAfterASilence() {
    Sampler s = Sampler.maxRate(10);
    assertThat(s.accept(0)).isTrue();
    assertThat(s.accept(50 * MS)).isFalse();
    assertThat(s.accept(5_000 * MS)).isTrue();
    assertThat(s.accept(5_050 * MS)).isFalse();
    assertThat(s.accept(5_100 * MS)).isTrue();
  }

  @Test
  void everyNthKeepsFirstAndEveryNthAfter() {
    Sampler s = Sampler.everyNth(3);
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      pattern.append(s.accept(i) ? 'k' : '.');
    }
    assertThat(pattern).hasToString("k..k..k");
  }

  @Test
  void keepAllKeepsEverything() {
    assertThat(Sampler.keepAll().accept(0)).isTrue();
  }

  @Test
  void invalidArgumentsNameTheParameter() {
    assertThatThrownBy(() -> Sampler.maxRate(0)).hasMessage("max_rate_hz : 0.0 (expected: > 0)");
    assertThatThrownBy(() -> Sampler.everyNth(0)).hasMessage("every_nth : 0 (expected: >= 1)");
  }
}
