package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditConfigTest {
  private static ConfigResult parse(String yaml) {
    return ConfigLoader.parse("gw.yaml", yaml, Map.<String, String>of()::get);
  }

  @Test
  void auditIsOnByDefaultUnderTheDataDir() {
    GatewayConfig config =
        parse("gateway: {robot_id: r1, data_dir: /var/lib/eg}\n").config().orElseThrow();
    AuditSettings audit = config.audit();
    assertThat(audit).isEqualTo(AuditSettings.defaults());
    assertThat(audit.enabled()).isTrue();
    assertThat(audit.topic()).isEqualTo("edge.audit.v1");
    assertThat(audit.logFile(Path.of("/var/lib/eg"))).isEqualTo(Path.of("/var/lib/eg/audit.log"));
    assertThat(audit.keyFile(Path.of("/var/lib/eg"))).isEqualTo(Path.of("/var/lib/eg/audit.key"));
  }

  @Test
  void everyKeyBinds() {
    GatewayConfig config =
        parse(
                "gateway: {robot_id: r1}\n"
                    + "audit: {enabled: false, path: /a/log, topic: t.audit, signing_key_file:"
                    + " /a/key}\n")
            .config()
            .orElseThrow();
    assertThat(config.audit())
        .isEqualTo(
            new AuditSettings(
                false, Optional.of(Path.of("/a/log")), "t.audit", Optional.of(Path.of("/a/key"))));
  }

  @Test
  void aBadTopicAndAnUnknownKeyAreErrorsAtTheirPositions() {
    ConfigResult result =
        parse("gateway: {robot_id: r1}\naudit:\n  topic: 'bad topic'\n  sign_key: x\n");
    assertThat(result.isValid()).isFalse();
    assertThat(result.errors().stream().map(ConfigError::format))
        .anySatisfy(e -> assertThat(e).startsWith("gw.yaml:3:10: audit.topic:"))
        .anySatisfy(e -> assertThat(e).startsWith("gw.yaml:4:3: audit.sign_key:"));
  }
}
