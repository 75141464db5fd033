package io.edgegateway.core.config;

/**
 * The config contract as data: the top level of the file, whose keys place one section each, and
 * the value patterns several sections share (DESIGN §4). Each section declares its keys, with type,
 * range, default and description, in its own schema class ({@link GatewaySchema}, {@link
 * Ros2Schema}, {@link TopicRuleSchema}, {@link BufferSchema}, {@link UplinkSchema}, {@link
 * HttpSchema}, {@link MetricsSchema}, {@link CaptureSchema}, {@link AuditSchema}).
 *
 * <p>These are the one place defaults and ranges are declared. {@link ConfigParser} reads YAML
 * against them, the records check their arguments with their keys, and {@link ConfigReference}
 * renders {@code docs/configuration.md} from {@link #ROOT}.
 */
final class ConfigSchema {
  private ConfigSchema() {}

  // ---- value patterns used by more than one section ----

  /** A stream name: a key of {@code uplink.streams} and the {@code stream} of a topic rule. */
  static final String STREAM_NAME_PATTERN = "[a-z][a-z0-9_-]{0,63}";

  /** A message field path, e.g. {@code position[3]}: {@code on_change.field}, metric fields. */
  static final String FIELD_PATH_PATTERN =
      "[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+\\])?(\\.[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+\\])?)*";

  /** Largest DDS domain id: {@code ros2.domain_id} and {@code relay.to_domain}. */
  static final int MAX_DOMAIN_ID = 232;

  // ---- root ----

  static final Key<Void> GATEWAY =
      Key.section("gateway", GatewaySchema.SECTION, "required", "Identity and local state.");
  static final Key<Void> ROS2 =
      Key.section("ros2", Ros2Schema.SECTION, "see below", "The ROS 2 bus.");
  static final Key<Void> BUFFER =
      Key.section("buffer", BufferSchema.SECTION, "see below", "The durable queue.");
  static final Key<Void> UPLINK =
      Key.section("uplink", UplinkSchema.SECTION, "see below", "The Kafka uplink.");
  static final Key<Void> HTTP =
      Key.section("http", HttpSchema.SECTION, "see below", "The HTTP server.");
  static final Key<Void> METRICS =
      Key.sectionList(
          "metrics",
          MetricsSchema.SECTION,
          "Message fields exported as Prometheus gauges. (Extension: not in DESIGN §4.)");
  static final Key<Void> CAPTURE =
      Key.section(
          "capture",
          CaptureSchema.SECTION,
          "off",
          "Incident capture: the full-rate ring and its triggers (docs/capture.md).");
  static final Key<Void> AUDIT =
      Key.section("audit", AuditSchema.SECTION, "see below", "The tamper-evident audit log.");
  static final Section ROOT =
      Section.of(
          "",
          "The top level of the file.",
          GATEWAY,
          ROS2,
          BUFFER,
          UPLINK,
          HTTP,
          METRICS,
          CAPTURE,
          AUDIT);
}
