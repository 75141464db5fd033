package io.edgegateway.core.config;

import io.edgegateway.core.TrafficClass;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The whole gateway configuration, one record per YAML section (DESIGN §4). Built by {@link
 * ConfigLoader}, which reports every problem with its file position; the constructors check the
 * same rules again so a config built in code is valid too.
 *
 * @param gateway identity and local state
 * @param ros2 the ROS 2 bus and topic rules
 * @param buffer the durable queue
 * @param uplink the Kafka uplink
 * @param http the HTTP server
 * @param metrics message fields exported as gauges (extension)
 * @param capture the capture ring and its triggers; {@link CaptureSettings#off()} when absent
 * @param audit the tamper-evident audit log
 */
public record GatewayConfig(
    GatewaySettings gateway,
    Ros2Settings ros2,
    BufferSettings buffer,
    UplinkSettings uplink,
    HttpSettings http,
    List<FieldMetricSettings> metrics,
    CaptureSettings capture,
    AuditSettings audit) {

  public GatewayConfig {
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(ros2, "ros2");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(uplink, "uplink");
    Objects.requireNonNull(http, "http");
    metrics = List.copyOf(metrics);
    Objects.requireNonNull(capture, "capture");
    for (TopicRule rule : ros2.topics()) {
      if (!uplink.streams().containsKey(rule.stream())) {
        throw new IllegalArgumentException(
            "stream : "
                + rule.stream()
                + " (expected: one of uplink.streams "
                + uplink.streams().keySet()
                + ")");
      }
      OptionalInt toDomain = rule.relay().map(RelaySettings::toDomain).orElse(OptionalInt.empty());
      if (toDomain.isPresent() && toDomain.getAsInt() == ros2.domainId()) {
        throw new IllegalArgumentException(
            "to_domain : "
                + toDomain.getAsInt()
                + " (expected: a domain other than ros2.domain_id)");
      }
    }
    uplink
        .budget()
        .ifPresent(
            budget -> {
              long batch = buffer.batch().maxBytes();
              if (budget.burstBytes() < batch) {
                throw new IllegalArgumentException(
                    "uplink.budget.burst : "
                        + budget.burstBytes()
                        + " (expected: >= buffer.batch.max_bytes "
                        + batch
                        + ")");
              }
              if (budget.dailyBytes().isPresent() && budget.dailyBytes().getAsLong() < batch) {
                throw new IllegalArgumentException(
                    "uplink.budget.daily_bytes : "
                        + budget.dailyBytes().getAsLong()
                        + " (expected: >= buffer.batch.max_bytes "
                        + batch
                        + ")");
              }
            });
    Set<String> names = new HashSet<>();
    for (FieldMetricSettings metric : metrics) {
      if (!names.add(metric.name())) {
        throw new IllegalArgumentException(
            "metrics.name : " + metric.name() + " (expected: unique names)");
      }
      Optional<String> problem = metricTopicProblem(ros2, metric);
      if (problem.isPresent()) {
        throw new IllegalArgumentException("metrics.topic : " + problem.get());
      }
    }
  }

  /** A config without capture, with the default audit log. */
  public GatewayConfig(
      GatewaySettings gateway,
      Ros2Settings ros2,
      BufferSettings buffer,
      UplinkSettings uplink,
      HttpSettings http,
      List<FieldMetricSettings> metrics) {
    this(
        gateway,
        ros2,
        buffer,
        uplink,
        http,
        metrics,
        CaptureSettings.off(),
        AuditSettings.defaults());
  }

  /** A config with the default audit log. */
  public GatewayConfig(
      GatewaySettings gateway,
      Ros2Settings ros2,
      BufferSettings buffer,
      UplinkSettings uplink,
      HttpSettings http,
      List<FieldMetricSettings> metrics,
      CaptureSettings capture) {
    this(gateway, ros2, buffer, uplink, http, metrics, capture, AuditSettings.defaults());
  }

  /** A config without capture. */
  public GatewayConfig(
      GatewaySettings gateway,
      Ros2Settings ros2,
      BufferSettings buffer,
      UplinkSettings uplink,
      HttpSettings http,
      List<FieldMetricSettings> metrics,
      AuditSettings audit) {
    this(gateway, ros2, buffer, uplink, http, metrics, CaptureSettings.off(), audit);
  }

  /** A config without field metrics. */
  public GatewayConfig(
      GatewaySettings gateway,
      Ros2Settings ros2,
      BufferSettings buffer,
      UplinkSettings uplink,
      HttpSettings http) {
    this(gateway, ros2, buffer, uplink, http, List.of());
  }

  /** This config with {@code metrics} instead of its own. */
  public GatewayConfig withMetrics(List<FieldMetricSettings> metrics) {
    return new GatewayConfig(gateway, ros2, buffer, uplink, http, metrics, capture, audit);
  }

  /** This config with {@code capture} instead of its own. */
  public GatewayConfig withCapture(CaptureSettings capture) {
    return new GatewayConfig(gateway, ros2, buffer, uplink, http, metrics, capture, audit);
  }

  /** This config with {@code audit} instead of its own. */
  public GatewayConfig withAudit(AuditSettings audit) {
    return new GatewayConfig(gateway, ros2, buffer, uplink, http, metrics, capture, audit);
  }

  /**
   * Why {@code metric} cannot be read in this config: no rule matches its topic, or the rule is a
   * control rule without mirror; empty when it can.
   */
  static Optional<String> metricTopicProblem(Ros2Settings ros2, FieldMetricSettings metric) {
    Optional<TopicRule> rule = ros2.topicRules().ruleFor(metric.topic());
    if (rule.isEmpty()) {
      return Optional.of(
          "no rule in ros2.topics matches topic "
              + metric.topic()
              + "; a field metric reads the samples of a subscribed topic");
    }
    if (rule.get().trafficClass() == TrafficClass.CONTROL && rule.get().mirror().isEmpty()) {
      return Optional.of(
          "topic "
              + metric.topic()
              + " is a control topic without mirror; field metrics read the telemetry path only"
              + " (add mirror: {max_rate_hz: N} to its rule to read the mirror copies)");
    }
    return Optional.empty();
  }

  /** A config with every default and no topic rules, for {@code robotId}. */
  public static GatewayConfig defaults(String robotId) {
    return new GatewayConfig(
        GatewaySettings.defaults(robotId),
        Ros2Settings.defaults(),
        BufferSettings.defaults(),
        UplinkSettings.defaults(),
        HttpSettings.defaults());
  }
}
