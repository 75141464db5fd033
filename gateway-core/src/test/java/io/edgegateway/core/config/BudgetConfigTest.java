package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetConfigTest {
  private static ConfigResult parse(String yaml) {
    return ConfigLoader.parse("gw.yaml", yaml, Map.<String, String>of()::get);
  }

  private static List<String> errors(String yaml) {
    ConfigResult result = parse(yaml);
    assertThat(result.isValid()).isFalse();
    return result.errors().stream().map(ConfigError::format).toList();
  }

  @Test
  void absent_isUnlimited() {
    GatewayConfig config = parse("gateway: {robot_id: r1}\n").config().orElseThrow();
    assertThat(config.uplink().budget()).isEmpty();
  }

  @Test
  void everyKeyBinds_sizesWithUnits() {
    GatewayConfig config =
        parse(
                "gateway: {robot_id: r1}\n"
                    + "uplink:\n"
                    + "  budget: {max_bytes_per_s: 64KiB, daily_bytes: 2GB, burst: 1MiB,"
                    + " backlog_after: 5m}\n")
            .config()
            .orElseThrow();
    assertThat(config.uplink().budget())
        .contains(
            new BudgetSettings(
                64 * 1024, OptionalLong.of(2_000_000_000L), 1 << 20, Duration.ofMinutes(5)));
  }

  @Test
  void burstDefaultsToTheLargerOfTheRateAndTheBatchSize() {
    BudgetSettings slow =
        parse(
                "gateway: {robot_id: r1}\n"
                    + "buffer: {batch: {max_bytes: 256KiB}}\n"
                    + "uplink: {budget: {max_bytes_per_s: 16KiB}}\n")
            .config()
            .orElseThrow()
            .uplink()
            .budget()
            .orElseThrow();
    assertThat(slow.burstBytes()).isEqualTo(256 * 1024);
    assertThat(slow.dailyBytes()).isEmpty();
    assertThat(slow.backlogAfter()).isEqualTo(Duration.ofSeconds(60));
    BudgetSettings fast =
        parse("gateway: {robot_id: r1}\nuplink: {budget: {max_bytes_per_s: 10MiB}}\n")
            .config()
            .orElseThrow()
            .uplink()
            .budget()
            .orElseThrow();
    assertThat(fast.burstBytes()).isEqualTo(10L << 20);
  }

  @Test
  void zeroNegativeAndTooSmallRatesAreErrorsAtTheirPositions() {
    assertThat(errors("gateway: {robot_id: r1}\nuplink:\n  budget: {max_bytes_per_s: 0}\n"))
        .anySatisfy(e -> assertThat(e).startsWith("gw.yaml:3:29: uplink.budget.max_bytes_per_s:"));
    assertThat(errors("gateway: {robot_id: r1}\nuplink:\n  budget:\n    max_bytes_per_s: -5\n"))
        .anySatisfy(e -> assertThat(e).startsWith("gw.yaml:4:22: uplink.budget.max_bytes_per_s:"));
    assertThat(errors("gateway: {robot_id: r1}\nuplink:\n  budget:\n    max_bytes_per_s: 512B\n"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("gw.yaml:4:22: uplink.budget.max_bytes_per_s:")
                    .contains("1KiB"));
  }

  @Test
  void aMissingRateIsAnError() {
    assertThat(errors("gateway: {robot_id: r1}\nuplink:\n  budget: {daily_bytes: 1GB}\n"))
        .anySatisfy(e -> assertThat(e).contains("uplink.budget.max_bytes_per_s"));
  }

  @Test
  void aBurstOrDailyCapBelowOneBatchIsAnError_theBatchCouldNeverBeSent() {
    List<String> errors =
        errors(
            "gateway: {robot_id: r1}\n"
                + "buffer: {batch: {max_bytes: 256KiB}}\n"
                + "uplink:\n"
                + "  budget:\n"
                + "    max_bytes_per_s: 8KiB\n"
                + "    burst: 64KiB\n"
                + "    daily_bytes: 100KiB\n");
    assertThat(errors)
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("gw.yaml:6:12: uplink.budget.burst:")
                    .contains("less than buffer.batch.max_bytes (256KiB)"))
        .anySatisfy(e -> assertThat(e).startsWith("gw.yaml:7:18: uplink.budget.daily_bytes:"));
  }

  @Test
  void aConfigBuiltInCodeChecksTheSameRule() {
    GatewayConfig valid = parse("gateway: {robot_id: r1}\n").config().orElseThrow();
    UplinkSettings tooSmall =
        valid
            .uplink()
            .withBudget(
                Optional.of(
                    new BudgetSettings(1024, OptionalLong.empty(), 2048, Duration.ofSeconds(60))));
    assertThatThrownBy(
            () ->
                new GatewayConfig(
                    valid.gateway(),
                    valid.ros2(),
                    valid.buffer(),
                    tooSmall,
                    valid.http(),
                    valid.metrics(),
                    valid.capture(),
                    valid.audit()))
        .hasMessageContaining("uplink.budget.burst");
  }
}
