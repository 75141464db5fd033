package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code on_change} field paths and {@code metrics}: parsing, validation and field checks. */
class FieldConfigTest {
  private static final String FILE = "gw.yaml";

  /** Knows sensor_msgs/msg/BatteryState with voltage (number), present (bool), location (text). */
  private static final FieldCatalog CATALOG =
      (type, path) -> {
        if (!type.toString().equals("sensor_msgs/msg/BatteryState")) {
          return Optional.empty();
        }
        FieldReader.Kind kind =
            switch (path.toString()) {
              case "voltage", "cell_voltage[2]" -> FieldReader.Kind.NUMBER;
              case "present" -> FieldReader.Kind.BOOLEAN;
              case "location" -> FieldReader.Kind.TEXT;
              default ->
                  throw new IllegalArgumentException(
                      "no field '" + path.segments().get(0).name() + "' in " + type);
            };
        return Optional.of(reader(kind, path));
      };

  private static FieldReader reader(FieldReader.Kind kind, FieldPath path) {
    return new FieldReader() {
      @Override
      public Kind kind() {
        return kind;
      }

      @Override
      public FieldPath path() {
        return path;
      }

      @Override
      public Object read(byte[] sample) {
        return 0.0;
      }
    };
  }

  private static ConfigResult parse(String yaml) {
    return ConfigLoader.parse(FILE, yaml, name -> null);
  }

  private static final String RULES =
      """
      gateway: {robot_id: r1}
      ros2:
        topics:
          - match: /battery
            type: sensor_msgs/msg/BatteryState
            sample: {on_change: {field: voltage, deadband: 0.05}}
          - match: /cmd
            class: control
            type: geometry_msgs/msg/Twist
            relay: {to_domain: 3}
          - match: /mirrored
            class: control
            type: sensor_msgs/msg/BatteryState
            relay: {to_domain: 3}
            mirror: {max_rate_hz: 5}
          - match: /diag/*
      """;

  @Test
  void readsOnChangeAndMetrics() {
    GatewayConfig config =
        parse(
                RULES
                    + """
                metrics:
                  - {topic: /battery, field: voltage, name: battery_voltage}
                  - {topic: /mirrored, field: "cell_voltage[2]", name: cell_2}
                """)
            .checkFields(CATALOG)
            .orElseThrow();
    assertThat(config.ros2().topics().get(0).sample())
        .isEqualTo(new SamplePolicy.OnChange("voltage", 0.05));
    assertThat(config.metrics())
        .containsExactly(
            new FieldMetricSettings("/battery", "voltage", "battery_voltage"),
            new FieldMetricSettings("/mirrored", "cell_voltage[2]", "cell_2"));
    assertThat(config.metrics().get(0).metricName()).isEqualTo("gateway_field_battery_voltage");
  }

  @Test
  void metricsDefaultToNone() {
    assertThat(parse("gateway: {robot_id: r1}\n").orElseThrow().metrics()).isEmpty();
  }

  @Test
  void reportsBadMetricsWithTheirPositions() {
    ConfigResult result =
        parse(
            RULES
                + """
                metrics:
                  - {topic: /battery, field: voltage, name: Battery-Voltage}
                  - {topic: /battery, field: "a[", name: v}
                  - {topic: /nowhere, field: voltage, name: w}
                  - {topic: /cmd, field: linear.x, name: x}
                  - {topic: /battery, field: voltage, name: y}
                  - {topic: /battery, field: voltage, name: y}
                  - {topic: battery, name: z}
                """);
    assertThat(result.formattedErrors())
        .containsExactly(
            "gw.yaml:18:45: metrics[0].name: expected a metric name like battery_voltage, got"
                + " 'Battery-Voltage'",
            "gw.yaml:19:30: metrics[1].field: expected a field path like temperature[3] or"
                + " voltage, got 'a['",
            "gw.yaml:20:13: metrics[2].topic: no rule in ros2.topics matches topic /nowhere; a"
                + " field metric reads the samples of a subscribed topic",
            "gw.yaml:21:13: metrics[3].topic: topic /cmd is a control topic without mirror;"
                + " field metrics read the telemetry path only (add mirror: {max_rate_hz: N} to"
                + " its rule to read the mirror copies)",
            "gw.yaml:23:45: metrics[5].name: duplicate metric name 'y' (first used at line 22,"
                + " column 45)",
            "gw.yaml:24:5: metrics[6].field: required key is missing",
            "gw.yaml:24:13: metrics[6].topic: expected an absolute topic name like"
                + " /robot/joint_commands, got 'battery'");
  }

  @Test
  void fieldsAreCheckedAgainstTheTypeAtTheirPosition() {
    ConfigResult result =
        parse(
                RULES.replace("field: voltage, deadband", "field: voltag, deadband")
                    + """
                metrics:
                  - {topic: /battery, field: location, name: loc}
                  - {topic: /battery, field: present, name: present}
                  - {topic: /diag/x, field: anything, name: d}
                """)
            .checkFields(CATALOG);
    assertThat(result.formattedErrors())
        .containsExactly(
            "gw.yaml:6:35: ros2.topics[0].sample.on_change.field: no field 'voltag' in"
                + " sensor_msgs/msg/BatteryState",
            "gw.yaml:18:30: metrics[0].field: field 'location' of sensor_msgs/msg/BatteryState"
                + " is text; a metric needs a number or boolean field");
  }

  @Test
  void unknownTypesAreErrorsAndRulesWithoutTypeAreLeftToTheRunningGateway() {
    ConfigResult result =
        parse(
            """
            gateway: {robot_id: r1}
            ros2:
              topics:
                - match: /a
                  type: acme_msgs/msg/Thing
                  sample: {on_change: {field: whatever}}
                - match: /b
                  sample: {on_change: {field: whatever}}
            """);
    assertThat(result.checkFields(CATALOG).formattedErrors())
        .containsExactly(
            "gw.yaml:6:35: ros2.topics[0].sample.on_change.field: type acme_msgs/msg/Thing is not"
                + " known to the gateway (not bundled, not under ros2.message_paths); reading"
                + " field 'whatever' needs its definition");
    ConfigResult untyped = parse(RULES.replace("type: sensor_msgs/msg/BatteryState\n", ""));
    assertThat(untyped.checkFields(FieldCatalog.empty())).isSameAs(untyped);
  }

  @Test
  void checkingAnInvalidResultKeepsItsErrors() {
    ConfigResult bad = parse("gateway: {}\n");
    assertThat(bad.checkFields(CATALOG)).isSameAs(bad);
  }

  @Test
  void recordsRefuseWhatTheLoaderRefuses() {
    assertThatThrownBy(() -> new FieldMetricSettings("/a", "x", "Bad"))
        .hasMessageStartingWith("name : 'Bad' (expected:");
    GatewayConfig base = parse(RULES).orElseThrow();
    FieldMetricSettings m = new FieldMetricSettings("/battery", "voltage", "v");
    assertThatThrownBy(() -> base.withMetrics(List.of(m, m)))
        .hasMessage("metrics.name : v (expected: unique names)");
    assertThatThrownBy(
            () -> base.withMetrics(List.of(new FieldMetricSettings("/cmd", "linear.x", "x"))))
        .hasMessageStartingWith("metrics.topic : topic /cmd is a control topic without mirror");
    assertThat(base.withMetrics(List.of(m)).metrics()).containsExactly(m);
    assertThat(RosTypeName.parse("sensor_msgs/msg/BatteryState")).isNotNull();
  }
}
