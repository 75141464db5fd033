package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "200ms, PT0.2S",
    "30s, PT30S",
    "5m, PT5M",
    "72h, PT72H",
    "1d, PT24H",
    "1D, PT24H",
    "0s, PT0S",
    "' 15 s ', PT15S"
  })
  void parsesDurations(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @Test
  void rejectsBareNumbers() {
    assertThatThrownBy(() -> Durations.parse("200"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a duration like 200ms, 30s, 5m, 72h or 1d, got '200' (missing unit)");
  }

  @Test
  void rejectsUnknownUnitsAndGarbage() {
    assertThatThrownBy(() -> Durations.parse("3w"))
        .hasMessage("unknown duration unit 'w' in '3w' (expected one of: ms, s, m, h, d)");
    assertThatThrownBy(() -> Durations.parse("1.5h"))
        .hasMessage("expected a duration like 200ms, 30s, 5m, 72h or 1d, got '1.5h'");
    assertThatThrownBy(() -> Durations.parse("-1s"))
        .hasMessage("expected a duration like 200ms, 30s, 5m, 72h or 1d, got '-1s'");
    assertThatThrownBy(() -> Durations.parse("99999999999999999999d"))
        .hasMessage("duration '99999999999999999999d' is too large");
  }

  @ParameterizedTest
  @CsvSource({
    "PT0.2S, 200ms",
    "PT1.5S, 1500ms",
    "PT90S, 90s",
    "PT72H, 3d",
    "PT5M, 5m",
    "PT0S, 0ms"
  })
  void formatsInTheLargestExactUnit(Duration duration, String text) {
    assertThat(Durations.format(duration)).isEqualTo(text);
  }
}
