package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCollectorTest {
  @Test
  void errorsComeOutInFileOrderKeepingTheOrderFoundAtOnePosition() {
    ErrorCollector errors = new ErrorCollector("gw.yaml");
    errors.report(new Position(3, 1), "b", "second");
    errors.report(new Position(1, 5), "a", "first");
    errors.report(new Position(3, 1), "c", "third");
    assertThat(errors.count()).isEqualTo(3);
    assertThat(errors.inFileOrder().stream().map(ConfigError::format).toList())
        .containsExactly(
            "gw.yaml:1:5: a: first", "gw.yaml:3:1: b: second", "gw.yaml:3:1: c: third");
  }

  @Test
  void aRefusingConstructorBecomesAnError() {
    ErrorCollector errors = new ErrorCollector("gw.yaml");
    Object built =
        errors.build(
            new Position(2, 3),
            "http",
            () -> {
              throw new IllegalArgumentException("port : -1 (expected: 0..65535)");
            });
    assertThat(built).isNull();
    assertThat(errors.inFileOrder())
        .containsExactly(
            new ConfigError("gw.yaml", 2, 3, "http", "invalid: port : -1 (expected: 0..65535)"));
    assertThat(errors.build(new Position(1, 1), "", () -> List.of(1))).isEqualTo(List.of(1));
  }
}
