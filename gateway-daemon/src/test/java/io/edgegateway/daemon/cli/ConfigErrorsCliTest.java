package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of config error gives its documented one-line message and exit code 2 through the
 * real command line, for both {@code validate} and {@code run}; never a stack trace.
 */
class ConfigErrorsCliTest {
  @TempDir Path dir;

  private Path file(String name, String yaml) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, yaml);
    return p;
  }

  private void assertConfigError(String yaml, String expectedSuffix) throws IOException {
    Path f = file("gw.yaml", yaml);
    for (String command : new String[] {"validate", "run"}) {
      CliRun r = CliRun.of(command, "--config", f.toString());
      assertThat(r.exit()).as(command).isEqualTo(2);
      assertThat(r.err().lines()).as(command).containsExactly(f + ":" + expectedSuffix);
      assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void unknownKeySuggestsTheClosestKnownKey() throws IOException {
    assertConfigError(
        "gateway: {robot_id: r1}\nros2:\n  domian_id: 3\n",
        "3:3: ros2.domian_id: unknown key; did you mean 'domain_id'?");
  }

  @Test
  void missingRobotIdPointsAtTheGatewaySection() throws IOException {
    assertConfigError(
        "http: {bind: 127.0.0.1:9464}\ngateway:\n  data_dir: /tmp/x\n",
        "2:1: gateway.robot_id: required key is missing");
  }

  @Test
  void badSizeNamesTheKeyAndTheAcceptedForms() throws IOException {
    assertConfigError(
        "gateway: {robot_id: r1}\nbuffer:\n  max_bytes: lots\n",
        "3:14: buffer.max_bytes: expected a size like 256KiB, 10MB or 1024 (bytes), got 'lots'");
  }

  @Test
  void badDurationNamesTheUnits() throws IOException {
    assertConfigError(
        "gateway: {robot_id: r1}\nbuffer: {ttl: 3 weeks}\n",
        "2:15: buffer.ttl: unknown duration unit 'weeks' in '3 weeks' (expected one of: ms, s,"
            + " m, h, d)");
  }

  @Test
  void wrongTypeSaysWhatWasExpected() throws IOException {
    assertConfigError(
        "gateway: {robot_id: r1}\nros2:\n  domain_id: abc\n",
        "3:14: ros2.domain_id: expected an integer, got 'abc'");
  }

  @Test
  void reportsEveryErrorAtOnceInFileOrder() throws IOException {
    Path f =
        file(
            "many.yaml",
            "gateway:\n  data_dir: /tmp/x\nros2:\n  domian_id: 3\nbuffer:\n  ttl: 3 weeks\n");
    CliRun r = CliRun.of("validate", "--config", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(3);
    assertThat(r.err().lines().toList().get(0)).startsWith(f + ":1:1: gateway.robot_id");
  }

  @Test
  void validateChecksFieldPathsAgainstTheMessageDefinitions() throws IOException {
    Path f =
        file(
            "onchange.yaml",
            "gateway: {robot_id: r1}\nros2:\n  topics:\n    - match: /joint_states\n"
                + "      type: sensor_msgs/msg/JointState\n"
                + "      sample: {on_change: {field: \"positon[3]\", deadband: 0.01}}\n"
                + "metrics:\n"
                + "  - {topic: /joint_states, field: \"name[0]\", name: joint_name}\n"
                + "  - {topic: /joint_states, field: \"effort[3]\", name: knee_effort}\n");
    CliRun r = CliRun.of("validate", "--config", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines())
        .containsExactly(
            f
                + ":6:35: ros2.topics[0].sample.on_change.field: no field 'positon' in"
                + " sensor_msgs/msg/JointState (fields: header, name, position, velocity, effort)",
            f
                + ":8:35: metrics[0].field: field 'name[0]' of sensor_msgs/msg/JointState is"
                + " text; a metric needs a number or boolean field");
  }

  @Test
  void validateAcceptsOnChangeAndMetricsOnExistingFields() throws IOException {
    Path f =
        file(
            "onchange-ok.yaml",
            "gateway: {robot_id: r1}\nros2:\n  topics:\n    - match: /joint_states\n"
                + "      type: sensor_msgs/msg/JointState\n"
                + "      sample: {on_change: {field: \"position[3]\", deadband: 0.01}}\n"
                + "metrics:\n"
                + "  - {topic: /joint_states, field: \"effort[3]\", name: knee_effort}\n");
    CliRun r = CliRun.of("validate", "--config", f.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
  }

  @Test
  void missingFileIsAConfigError() {
    CliRun r = CliRun.of("validate", "--config", dir.resolve("nope.yaml").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nope.yaml").doesNotContain("Exception");
  }

  @Test
  void validConfigPrintsOkAndExitsZero() throws IOException {
    Path f = file("ok.yaml", "gateway: {robot_id: hx-0042}\n");
    CliRun r = CliRun.of("validate", "--config", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("ok");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void shippedExampleConfigsAreValid() {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(
            CliRun.of("validate", "--config", root.resolve("config/gateway.yaml").toString())
                .exit())
        .isZero();
    assertThat(
            CliRun.of("validate", "--config", root.resolve("config/demo.yaml").toString()).exit())
        .isZero();
  }

  @Test
  void unknownCommandOrOptionIsAUsageError() {
    assertThat(CliRun.of("frobnicate").exit()).isEqualTo(2);
    assertThat(CliRun.of("validate").exit()).isEqualTo(2);
  }
}
