package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.capture.TriggerCondition;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code capture} section and the {@code capture} key of topic rules. */
class CaptureConfigTest {
  private static final String FILE = "gw.yaml";

  /** Knows diagnostic_msgs/msg/DiagnosticArray: status[i].level (number), status[i].message. */
  private static final FieldCatalog CATALOG =
      (type, path) -> {
        if (!type.toString().equals("diagnostic_msgs/msg/DiagnosticArray")) {
          return Optional.empty();
        }
        String p = path.toString().replaceAll("\\[[0-9]+]", "[i]");
        FieldReader.Kind kind =
            switch (p) {
              case "status[i].level" -> FieldReader.Kind.NUMBER;
              case "status[i].message" -> FieldReader.Kind.TEXT;
              default -> throw new IllegalArgumentException("no field '" + p + "' in " + type);
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

  private static final String RULES =
      """
      gateway: {robot_id: r1, data_dir: /tmp/eg}
      ros2:
        topics:
          - match: /diagnostics
            type: diagnostic_msgs/msg/DiagnosticArray
            class: diagnostics
          - match: /camera/*/compressed
            class: perception
            capture: false
          - match: /cmd
            class: control
            relay: {to_domain: 3}
      """;

  private static ConfigResult parse(String yaml) {
    return ConfigLoader.parse(FILE, yaml, name -> null);
  }

  @Test
  void captureIsOffWhenTheSectionIsAbsent() {
    GatewayConfig config = parse(RULES).orElseThrow();
    assertThat(config.capture()).isEqualTo(CaptureSettings.off());
    assertThat(config.capture().enabled()).isFalse();
    assertThat(config.ros2().topics().get(0).capture()).isTrue();
    assertThat(config.ros2().topics().get(1).capture()).isFalse();
  }

  @Test
  void readsTheRingAndTriggers() {
    GatewayConfig config =
        parse(
                RULES
                    + """
                capture:
                  ring: {max_bytes: 1GiB, max_age: 90s}
                  triggers:
                    - {name: fall, topic: /diagnostics, when: "status[*].level >= 2", pre: 20s, post: 10s, cooldown: 60s}
                    - name: fault
                      topic: /diagnostics
                      when: 'status[0].message matches "^FAULT"'
                      topics: [/diagnostics]
                """)
            .checkFields(CATALOG)
            .orElseThrow();
    CaptureSettings capture = config.capture();
    assertThat(capture.enabled()).isTrue();
    assertThat(capture.ringMaxBytes()).isEqualTo(1L << 30);
    assertThat(capture.ringMaxAge()).isEqualTo(Duration.ofSeconds(90));
    assertThat(capture.ringDirectory(Path.of("/tmp/eg"))).isEqualTo(Path.of("/tmp/eg/capture"));
    assertThat(capture.triggers())
        .containsExactly(
            new TriggerSettings(
                "fall",
                "/diagnostics",
                TriggerCondition.parse("status[*].level >= 2"),
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                List.of()),
            new TriggerSettings(
                "fault",
                "/diagnostics",
                TriggerCondition.parse("status[0].message matches \"^FAULT\""),
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                List.of("/diagnostics")));
  }

  @Test
  void reportsBadTriggersAtTheirLineAndColumn() {
    ConfigResult result =
        parse(
            RULES
                + """
                capture:
                  ring: {max_age: 30s}
                  triggers:
                    - {name: a, topic: /diagnostics, when: "status[*].level >=", post: 5s}
                    - {name: a, topic: /cmd, when: "x > 1", post: 5s}
                    - {name: manual, topic: /nowhere, when: "x > 1", post: 5s}
                    - {name: c, topic: /camera/head/compressed, when: "x > 1", post: 5s}
                    - {name: d, topic: /diagnostics, when: "x > 1", pre: 25s, post: 10s}
                    - {name: e, topic: /diagnostics, when: "x > 1", post: 5s, typo: 1}
                """);
    assertThat(result.formattedErrors())
        .containsExactly(
            "gw.yaml:16:44: capture.triggers[0].when: expected a value (a number, true, false or"
                + " a \"string\") at character 19 (expected an expression like: wrench.force.x >="
                + " 1500, status[*].level >= 2, data matches \"^FAULT\")",
            "gw.yaml:17:14: capture.triggers[1].name: duplicate trigger name 'a' (first used at"
                + " line 16, column 14)",
            "gw.yaml:17:24: capture.triggers[1].topic: topic /cmd is a control topic; control"
                + " topics are not captured",
            "gw.yaml:18:14: capture.triggers[2].name: 'manual' is the trigger of operator requests"
                + " (POST /v1/captures); use another name",
            "gw.yaml:18:29: capture.triggers[2].topic: no rule in ros2.topics matches topic"
                + " /nowhere; a trigger tests its samples",
            "gw.yaml:19:24: capture.triggers[3].topic: the rule of topic /camera/head/compressed"
                + " says capture: false; its samples are not tested",
            "gw.yaml:20:7: capture.triggers[4]: pre + post is 35s, more than"
                + " capture.ring.max_age (30s): the start of the window would have left the ring"
                + " when it is sealed",
            "gw.yaml:21:63: capture.triggers[5].typo: unknown key (expected one of: name, topic,"
                + " when, pre, post, cooldown, topics)");
  }

  @Test
  void checksTriggerFieldsAgainstMessageDefinitions() {
    ConfigResult result =
        parse(
                RULES
                    + """
                capture:
                  triggers:
                    - {name: a, topic: /diagnostics, when: "status[*].nope >= 2"}
                    - {name: b, topic: /diagnostics, when: "status[*].message > 2"}
                    - {name: c, topic: /diagnostics, when: "status[1].level matches \\"x\\""}
                """)
            .checkFields(CATALOG);
    assertThat(result.formattedErrors())
        .containsExactly(
            "gw.yaml:15:44: capture.triggers[0].when: no field 'status[i].nope' in"
                + " diagnostic_msgs/msg/DiagnosticArray",
            "gw.yaml:16:44: capture.triggers[1].when: field 'status[0].message' of"
                + " diagnostic_msgs/msg/DiagnosticArray is text; only matches compares text",
            "gw.yaml:17:44: capture.triggers[2].when: field 'status[1].level' of"
                + " diagnostic_msgs/msg/DiagnosticArray is not text; matches needs a string field");
  }
}
