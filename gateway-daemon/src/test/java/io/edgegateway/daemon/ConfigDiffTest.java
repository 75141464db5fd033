package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigDiff}: what a reload changes, and which keys need a restart. */
class ConfigDiffTest {
  private static final String BASE =
      """
      gateway: {robot_id: hx-1, data_dir: /var/lib/eg}
      ros2:
        domain_id: 3
        topics:
          - {match: /joint_states, type: sensor_msgs/msg/JointState}
          - {match: /cmd, type: std_msgs/msg/String, class: control, relay: {to_domain: 4}}
          - {match: "/camera/*", class: perception, stream: perception}
      buffer: {max_bytes: 1GiB, ttl: 24h}
      uplink:
        kafka: {bootstrap_servers: 'k:9092'}
      http: {bind: 127.0.0.1:9464}
      """;

  private static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse("diff.yaml", yaml, n -> null).orElseThrow();
  }

  private static ConfigDiff diff(String from, String to) {
    return ConfigDiff.between(parse(BASE), parse(BASE.replace(from, to)));
  }

  @Test
  void theSameConfig_changesNothing() {
    ConfigDiff d = ConfigDiff.between(parse(BASE), parse(BASE));
    assertThat(d.isEmpty()).isTrue();
    assertThat(d.needsRestart()).isFalse();
  }

  @Test
  void samplingPriorityAndNewRules_areLive() {
    ConfigDiff d =
        diff(
            "type: sensor_msgs/msg/JointState}",
            "type: sensor_msgs/msg/JointState, sample: {max_rate_hz: 5}, priority: 8}\n"
                + "    - {match: /imu, type: sensor_msgs/msg/Imu}");
    assertThat(d.rulesChanged()).isTrue();
    assertThat(d.queueLimitsChanged()).isFalse();
    assertThat(d.needsRestart()).isFalse();
  }

  @Test
  void theBudget_addedChangedOrRemoved_isLive() {
    String kafka = "kafka: {bootstrap_servers: 'k:9092'}";
    String budget = kafka + "\n  budget: {max_bytes_per_s: 64KiB}";
    ConfigDiff added = diff(kafka, budget);
    assertThat(added.budgetChanged()).isTrue();
    assertThat(added.needsRestart()).isFalse();
    assertThat(added.isEmpty()).isFalse();
    assertThat(added.changedKeys()).containsExactly("uplink.budget");
    GatewayConfig limited = parse(BASE.replace(kafka, budget));
    ConfigDiff changed =
        ConfigDiff.between(
            limited,
            parse(BASE.replace(kafka, budget.replace("64KiB}", "64KiB, daily_bytes: 1GB}"))));
    assertThat(changed.budgetChanged()).isTrue();
    assertThat(changed.needsRestart()).isFalse();
    ConfigDiff removed = ConfigDiff.between(limited, parse(BASE));
    assertThat(removed.budgetChanged()).isTrue();
    assertThat(removed.needsRestart()).isFalse();
    assertThat(diff("buffer: {max_bytes: 1GiB", "buffer: {max_bytes: 2GiB").budgetChanged())
        .isFalse();
  }

  @Test
  void aRemovedQueuedRule_isLive() {
    ConfigDiff d =
        diff("    - {match: \"/camera/*\", class: perception, stream: perception}\n", "");
    assertThat(d.rulesChanged()).isTrue();
    assertThat(d.restartKeys()).isEmpty();
  }

  @Test
  void quotaAndTtl_areLive() {
    ConfigDiff d = diff("{max_bytes: 1GiB, ttl: 24h}", "{max_bytes: 512MiB, ttl: 6h}");
    assertThat(d.queueLimitsChanged()).isTrue();
    assertThat(d.rulesChanged()).isFalse();
    assertThat(d.needsRestart()).isFalse();
  }

  @Test
  void httpAuth_isLive_alsoWhenOnlyTheTokenFileChanged(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "a".repeat(32));
    String withAuth =
        BASE.replace(
            "http: {bind: 127.0.0.1:9464}",
            "http: {bind: 127.0.0.1:9464, auth: {token_file: '" + token + "'}}");
    GatewayConfig before = parse(withAuth);
    Files.writeString(token, "b".repeat(32));
    GatewayConfig rotated = parse(withAuth);

    ConfigDiff added = ConfigDiff.between(parse(BASE), before);
    ConfigDiff rotation = ConfigDiff.between(before, rotated);
    ConfigDiff same = ConfigDiff.between(rotated, parse(withAuth));

    assertThat(added.authChanged()).isTrue();
    assertThat(added.needsRestart()).isFalse();
    assertThat(rotation.authChanged()).isTrue();
    assertThat(rotation.needsRestart()).isFalse();
    assertThat(rotation.isEmpty()).isFalse();
    assertThat(same.isEmpty()).isTrue();
    assertThat(rotation.toString()).doesNotContain("bbbb");
  }

  @Test
  void aSaslSecretAlone_isLive_anyOtherSaslChangeNeedsARestart(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("password");
    Files.writeString(secret, "first-password");
    String withSasl =
        BASE.replace(
            "kafka: {bootstrap_servers: 'k:9092'}",
            "kafka:\n"
                + "    bootstrap_servers: 'k:9092'\n"
                + "    sasl: {mechanism: SCRAM-SHA-512, username: robot, password_file: '"
                + secret
                + "'}");
    GatewayConfig before = parse(withSasl);
    Files.writeString(secret, "second-password");
    GatewayConfig rotated = parse(withSasl);
    GatewayConfig otherUser = parse(withSasl.replace("username: robot", "username: robot-2"));

    ConfigDiff rotation = ConfigDiff.between(before, rotated);
    assertThat(rotation.saslSecretChanged()).isTrue();
    assertThat(rotation.needsRestart()).isFalse();
    assertThat(rotation.changedKeys()).containsExactly("uplink.kafka.sasl (secret)");
    assertThat(rotation.toString()).doesNotContain("second-password");
    ConfigDiff user = ConfigDiff.between(rotated, otherUser);
    assertThat(user.saslSecretChanged()).isFalse();
    assertThat(user.restartKeys()).containsExactly("uplink.kafka");
    assertThat(ConfigDiff.between(rotated, parse(withSasl)).isEmpty()).isTrue();
  }

  @Test
  void identityStateBusAndHttp_needARestart_namedInConfigOrder() {
    String to =
        BASE.replace("robot_id: hx-1, data_dir: /var/lib/eg", "robot_id: hx-2, data_dir: /srv/eg")
            .replace("domain_id: 3", "domain_id: 5")
            .replace("127.0.0.1:9464", "127.0.0.1:9465");
    ConfigDiff d = ConfigDiff.between(parse(BASE), parse(to));
    assertThat(d.restartKeys())
        .containsExactly("gateway.robot_id", "gateway.data_dir", "ros2.domain_id", "http.bind");
  }

  @Test
  void theKafkaClientStreamsDurabilityAndBatches_needARestart() {
    String to =
        BASE.replace("'k:9092'", "'k2:9092'")
            .replace("{max_bytes: 1GiB, ttl: 24h}", "{durability: power, batch: {linger_ms: 500}}")
            .replace(
                "  kafka: {bootstrap_servers: 'k2:9092'}",
                "  kafka: {bootstrap_servers: 'k2:9092'}\n  streams: {telemetry: {topic: t2}, perception: {topic: p2}}");
    ConfigDiff d = ConfigDiff.between(parse(BASE), parse(to));
    assertThat(d.restartKeys())
        .containsExactly("buffer.durability", "buffer.batch", "uplink.kafka", "uplink.streams");
    assertThat(d.queueLimitsChanged()).isTrue(); // and refused with them, as a whole
  }

  @Test
  void theCaptureSection_needsARestart_butARulesCaptureKeyIsLive() {
    String on = BASE + "capture: {ring: {max_age: 60s}}\n";
    ConfigDiff turnedOn = ConfigDiff.between(parse(BASE), parse(on));
    assertThat(turnedOn.restartKeys()).containsExactly("capture");
    ConfigDiff changed =
        ConfigDiff.between(parse(on), parse(on.replace("max_age: 60s", "max_age: 90s")));
    assertThat(changed.restartKeys()).containsExactly("capture");
    ConfigDiff optOut =
        diff(
            "{match: \"/camera/*\", class: perception, stream: perception}",
            "{match: \"/camera/*\", class: perception, stream: perception, capture: false}");
    assertThat(optOut.restartKeys()).isEmpty();
    assertThat(optOut.rulesChanged()).isTrue();
  }

  @Test
  void aChangedAddedOrRemovedControlRule_needsARestart() {
    assertThat(diff("relay: {to_domain: 4}", "relay: {to_domain: 6}").restartKeys())
        .containsExactly("ros2.topics[match=/cmd] (class control)");
    assertThat(
            diff(
                    "    - {match: /cmd, type: std_msgs/msg/String, class: control, relay: {to_domain: 4}}\n",
                    "")
                .restartKeys())
        .containsExactly("ros2.topics[match=/cmd] (class control)");
    assertThat(
            diff(
                    "- {match: /joint_states, type: sensor_msgs/msg/JointState}",
                    "- {match: /joint_states, type: sensor_msgs/msg/JointState, class: control,"
                        + " relay: {to_domain: 7}}")
                .restartKeys())
        .containsExactly("ros2.topics[match=/joint_states] (class control)");
  }

  @Test
  void aControlRuleThatDidNotChange_leavesTheFastPathAlone() {
    ConfigDiff d =
        diff("type: sensor_msgs/msg/JointState}", "type: sensor_msgs/msg/JointState, priority: 1}");
    assertThat(d.restartKeys()).isEmpty();
  }

  @Test
  void theAuditSectionNeedsARestart() {
    ConfigDiff d =
        diff("http: {bind: 127.0.0.1:9464}", "http: {bind: 127.0.0.1:9464}\naudit: {topic: t.a}");
    assertThat(d.restartKeys()).containsExactly("audit");
    assertThat(d.changedKeys()).containsExactly("audit");
  }

  @Test
  void changedKeysNameEveryLiveChangeWithoutItsValue() {
    ConfigDiff d = diff("ttl: 24h}", "ttl: 12h}");
    assertThat(d.changedKeys()).containsExactly("buffer.max_bytes/ttl");
    ConfigDiff rules =
        diff("type: sensor_msgs/msg/JointState}", "type: sensor_msgs/msg/JointState, priority: 1}");
    assertThat(rules.changedKeys()).containsExactly("ros2.topics");
  }
}
