package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlMetricNamesTest {
  @Test
  void findsTheSelectedMetricsAndNothingElse() {
    assertThat(
            PromqlMetricNames.of(
                "sum by (topic, reason) (rate(gateway_sampler_dropped_total{robot=~\"$robot\","
                    + " reason!=\"intake_full\"}[$__rate_interval])) / on(instance)"
                    + " group_left(robot) gateway_queue_quota_bytes > bool 0.8"))
        .containsExactlyInAnyOrder("gateway_sampler_dropped_total", "gateway_queue_quota_bytes");
  }

  @Test
  void numbersFunctionsAndLabelValuesAreHandled() {
    assertThat(PromqlMetricNames.of("rate(process_cpu_time_ns_total[1m]) / 1e9 + time()"))
        .containsExactly("process_cpu_time_ns_total");
    assertThat(
            PromqlMetricNames.of("label_values(gateway_queue_bytes{robot=~\"$robot\"}, instance)"))
        .containsExactly("gateway_queue_bytes");
    assertThat(PromqlMetricNames.of("abs(gateway_bus_source_skew_seconds) > 0.5"))
        .containsExactly("gateway_bus_source_skew_seconds");
  }
}
