package io.edgegateway.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one config text against {@link ConfigSchema} and collects every error with its position.
 *
 * <p>Implementation notes: {@link YamlComposer} turns the text into a node tree that keeps every
 * position; one binder per section ({@link GatewayBinder}, {@link Ros2Binder}, {@link
 * BufferBinder}, {@link UplinkBinder}, {@link HttpBinder}, {@link MetricsBinder}, {@link
 * CaptureBinder}, {@link AuditBinder}) reads it through {@link MappingView}. Values that fail to
 * parse are reported and come back {@code null}, and a record is only built when its section
 * produced no new error, so one mistake is reported once. An empty value ({@code key:} or {@code
 * ~}) means the key's default. A parser is used once.
 */
final class ConfigParser {
  private final ErrorCollector errors;
  private final BindContext context;

  ConfigParser(String file, Function<String, String> env) {
    this.errors = new ErrorCollector(file);
    this.context = new BindContext(errors, new ScalarReader(errors, env));
  }

  /** Parses {@code text}; the result holds the config or every error found. */
  ConfigResult parse(String text) {
    Optional<Node> root = new YamlComposer(errors).compose(text);
    if (!errors.isEmpty()) {
      return result(null);
    }
    if (root.isEmpty() || MappingView.isNull(root.get())) {
      errors.report(
          Position.DOCUMENT_START,
          "",
          "file is empty (expected a mapping with at least gateway.robot_id)");
      return result(null);
    }
    if (!(root.get() instanceof MappingNode)) {
      errors.report(
          Position.of(root.get()),
          "",
          "expected a mapping of sections (gateway, ros2, ...) at the top level, got "
              + ConfigMessages.describe(root.get()));
      return result(null);
    }
    return result(bind(root.get()));
  }

  private ConfigResult result(@Nullable GatewayConfig config) {
    if (errors.isEmpty() && config != null) {
      return ConfigResult.valid(config, context.fieldRefs());
    }
    if (errors.isEmpty()) {
      errors.report(Position.DOCUMENT_START, "", "invalid config");
    }
    return ConfigResult.invalid(errors.inFileOrder());
  }

  /**
   * Binds every section. Buffer goes first because its batch size bounds the uplink's budget,
   * uplink before the rules because topic rules may only name its streams; metrics go last because
   * their topics must match a rule.
   */
  private @Nullable GatewayConfig bind(Node rootNode) {
    MappingView root = context.mapping(rootNode, ConfigSchema.ROOT, "", Position.DOCUMENT_START);
    BufferSettings buffer = new BufferBinder(context).bind(root.section(ConfigSchema.BUFFER));
    UplinkBinder.Uplink uplink =
        new UplinkBinder(context)
            .bind(
                root.section(ConfigSchema.UPLINK),
                buffer == null ? null : buffer.batch().maxBytes());
    GatewaySettings gateway = new GatewayBinder().bind(root.section(ConfigSchema.GATEWAY));
    Ros2Settings ros2 =
        new Ros2Binder(context).bind(root.section(ConfigSchema.ROS2), uplink.streamNames());
    HttpSettings http = new HttpBinder(context).bind(root.section(ConfigSchema.HTTP));
    List<FieldMetricSettings> metrics = new MetricsBinder(context).bind(root, ros2);
    CaptureSettings capture =
        new CaptureBinder(context).bind(root.section(ConfigSchema.CAPTURE), ros2);
    AuditSettings audit = new AuditBinder().bind(root.section(ConfigSchema.AUDIT));
    if (!errors.isEmpty()) {
      return null;
    }
    return errors.build(
        Position.DOCUMENT_START,
        "",
        () ->
            new GatewayConfig(
                Objects.requireNonNull(gateway, "gateway"),
                Objects.requireNonNull(ros2, "ros2"),
                Objects.requireNonNull(buffer, "buffer"),
                Objects.requireNonNull(uplink.settings(), "uplink"),
                Objects.requireNonNull(http, "http"),
                metrics,
                Objects.requireNonNull(capture, "capture"),
                Objects.requireNonNull(audit, "audit")));
  }
}
