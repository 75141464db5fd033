package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Random and mutated YAML never makes the loader throw: it returns a config or errors. */
class ConfigLoaderFuzzTest {
  private static final Map<String, String> ENV = Map.of("ROBOT", "r1", "N", "3");

  /** A config touching every section, the seed of the mutations. */
  static final String SEED =
      """
      gateway:
        robot_id: hx-0042
        data_dir: /var/lib/edge-gateway
        lineage: {firmware_version: "1.8.2", model_version: p, run_id: auto, labels: {site: a}}
      ros2:
        domain_id: 0
        peers: [10.0.0.2]
        topics:
          - match: /joint_states
            type: sensor_msgs/msg/JointState
            class: telemetry
            qos: {reliability: best_effort, depth: 10}
            sample: {keep_all: true}
            stream: telemetry
            priority: 5
          - match: /camera/*/compressed
            class: perception
            sample: {max_rate_hz: 1}
            max_sample_bytes: 256KiB
          - match: re:^/ft/.*
            sample: {on_change: {field: "position[3]", deadband: 0.01}}
          - match: /joint_commands
            class: control
            relay: {to_domain: 1}
            mirror: {max_rate_hz: 50}
      buffer:
        max_bytes: 2GiB
        ttl: 72h
        durability: process
        batch: {max_bytes: 256KiB, linger_ms: 200}
      uplink:
        kafka:
          bootstrap_servers: 127.0.0.1:9092
          properties: {security.protocol: PLAINTEXT}
        streams:
          telemetry: {topic: edge.telemetry.v1}
          perception: {topic: edge.perception.v1}
        checkpoint_topic: edge.gateway.checkpoints
      http:
        bind: 127.0.0.1:9464
      """;

  private static final String YAML_CHARS =
      " \n\t:-[]{},#&*!|>'\"%@`?$~.0123456789abcxyz/\\\u00e9\u0001";

  private static final List<String> TOKENS =
      List.of(
          ": ",
          "\n",
          "  ",
          "- ",
          "[",
          "]",
          "{",
          "}",
          ",",
          "#",
          "&a ",
          "*a",
          "!!int ",
          "'",
          "\"",
          "~",
          "null",
          "true",
          "-1",
          "1e309",
          "99999999999999999999",
          "${ROBOT}",
          "${MISSING}",
          "${",
          "$${",
          "${file:/nonexistent}",
          "re:(",
          "/**",
          "0x10",
          "\t",
          "---\n",
          "...\n",
          "? ",
          "<<: *a",
          "|\n  x",
          ">\n  y",
          "\u0000",
          "\uFEFF",
          "\uD800");

  @Property(tries = 400)
  void randomTextNeverThrows(@ForAll @StringLength(max = 300) String text) {
    assertWellFormed(ConfigLoader.parse("f.yaml", text, ENV::get));
  }

  @Property(tries = 400)
  void randomYamlishTextNeverThrows(@ForAll("yamlish") String text) {
    assertWellFormed(ConfigLoader.parse("f.yaml", text, ENV::get));
  }

  @Property(tries = 600)
  void mutatedConfigNeverThrows(@ForAll("mutatedSeed") String text) {
    assertWellFormed(ConfigLoader.parse("f.yaml", text, ENV::get));
  }

  @Example
  void malformedTagIsAYamlErrorNotAnInternalOne() {
    // Found by this property (seed 553271771812962957): snakeyaml-engine throws a bare
    // IllegalArgumentException for this tag.
    ConfigResult result = ConfigLoader.parse("f.yaml", "!::::%0", ENV::get);
    assertWellFormed(result);
    assertThat(result.formattedErrors()).singleElement().asString().contains("YAML error");
  }

  @Example
  void seedIsValid() {
    assertThat(ConfigLoader.parse("f.yaml", SEED, ENV::get).formattedErrors()).isEmpty();
  }

  private static void assertWellFormed(ConfigResult result) {
    assertThat(result.isValid()).isEqualTo(result.errors().isEmpty());
    assertThat(result.config().isPresent()).isEqualTo(result.isValid());
    for (ConfigError error : result.errors()) {
      assertThat(error.line()).isPositive();
      assertThat(error.column()).isPositive();
      assertThat(error.format()).startsWith("f.yaml:").doesNotContain("internal error");
      assertThat(error.message()).isNotBlank().doesNotContain("\tat ");
    }
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings().withChars(YAML_CHARS).ofMaxLength(200);
  }

  /** One edit of the seed: delete, insert a token or characters, duplicate or swap lines. */
  private static Arbitrary<String> edit(String text) {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, text.length());
    Arbitrary<String> deleted =
        Combinators.combine(at, Arbitraries.integers().between(1, 40))
            .as((i, n) -> text.substring(0, i) + text.substring(Math.min(text.length(), i + n)));
    Arbitrary<String> insertedToken =
        Combinators.combine(at, Arbitraries.of(TOKENS))
            .as((i, t) -> text.substring(0, i) + t + text.substring(i));
    Arbitrary<String> insertedChars =
        Combinators.combine(
                at, Arbitraries.strings().withChars(YAML_CHARS).ofMinLength(1).ofMaxLength(5))
            .as((i, t) -> text.substring(0, i) + t + text.substring(i));
    String[] lines = text.split("\n", -1);
    Arbitrary<Integer> line = Arbitraries.integers().between(0, lines.length - 1);
    Arbitrary<String> duplicatedLine =
        line.map(
            l -> {
              List<String> copy = new ArrayList<>(List.of(lines));
              copy.add(l, lines[l]);
              return String.join("\n", copy);
            });
    Arbitrary<String> swappedLines =
        Combinators.combine(line, line)
            .as(
                (a, b) -> {
                  String[] copy = lines.clone();
                  String tmp = copy[a];
                  copy[a] = copy[b];
                  copy[b] = tmp;
                  return String.join("\n", copy);
                });
    return Arbitraries.oneOf(deleted, insertedToken, insertedChars, duplicatedLine, swappedLines);
  }

  @Provide
  Arbitrary<String> mutatedSeed() {
    return Arbitraries.integers()
        .between(1, 4)
        .flatMap(
            edits -> {
              Arbitrary<String> text = Arbitraries.just(SEED);
              for (int i = 0; i < edits; i++) {
                text = text.flatMap(ConfigLoaderFuzzTest::edit);
              }
              return text;
            });
  }
}
