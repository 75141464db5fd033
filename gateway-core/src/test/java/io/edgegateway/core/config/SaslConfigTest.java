package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.config.SaslSettings.Mechanism;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uplink.kafka.sasl}: each mechanism's keys, the token endpoint's scheme, the secret file
 * read like a token file, the pass-through properties the section owns refused at their line, and
 * the secret never printed.
 */
class SaslConfigTest {
  private static final String FILE = "gw.yaml";

  @TempDir Path dir;

  private static ConfigResult parse(String yaml) {
    return ConfigLoader.parse(FILE, yaml, Map.<String, String>of()::get);
  }

  private static String yaml(String sasl, String properties) {
    return "gateway: {robot_id: r1}\n"
        + "uplink:\n"
        + "  kafka:\n"
        + "    bootstrap_servers: 127.0.0.1:9093\n"
        + properties
        + "    sasl:\n"
        + sasl;
  }

  private Path secret(String content) throws Exception {
    Path file = dir.resolve("secret-" + UUID.randomUUID());
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static String oauth(Path secretFile, String endpoint) {
    return "      mechanism: OAUTHBEARER\n"
        + "      token_endpoint: "
        + endpoint
        + "\n"
        + "      client_id: robot-7\n"
        + "      client_secret_file: "
        + secretFile
        + "\n";
  }

  @Test
  void oauthBearerIsBound_andTheSecretNeverPrinted() throws Exception {
    String value = "s3cr3t-" + UUID.randomUUID();
    Path file = secret(" " + value + "\n");

    GatewayConfig config =
        parse(
                yaml(
                    oauth(file, "https://idp.example.com/oauth2/token") + "      scope: kafka\n",
                    "    properties: {sasl.login.refresh.buffer.seconds: 30}\n"))
            .orElseThrow();

    SaslSettings sasl = config.uplink().kafka().sasl().orElseThrow();
    assertThat(sasl.mechanism()).isEqualTo(Mechanism.OAUTHBEARER);
    assertThat(sasl.principal()).isEqualTo("robot-7");
    assertThat(sasl.tokenEndpoint()).contains(URI.create("https://idp.example.com/oauth2/token"));
    assertThat(sasl.scope()).contains("kafka");
    assertThat(sasl.secretFile()).isEqualTo(file);
    assertThat(sasl.secret().matches(value)).isTrue();
    assertThat(config.uplink().kafka().properties())
        .containsEntry("sasl.login.refresh.buffer.seconds", "30");
    assertThat(config.toString()).doesNotContain(value).contains(Secret.REDACTED);
  }

  @Test
  void scramIsBound() throws Exception {
    Path file = secret("pw\n");

    SaslSettings sasl =
        parse(
                yaml(
                    "      mechanism: SCRAM-SHA-512\n"
                        + "      username: robot-7\n"
                        + "      password_file: "
                        + file
                        + "\n",
                    ""))
            .orElseThrow()
            .uplink()
            .kafka()
            .sasl()
            .orElseThrow();

    assertThat(sasl.mechanism()).isEqualTo(Mechanism.SCRAM_SHA_512);
    assertThat(sasl.principal()).isEqualTo("robot-7");
    assertThat(sasl.tokenEndpoint()).isEmpty();
    assertThat(sasl.secret().matches("pw")).isTrue();
  }

  @Test
  void httpIsAcceptedOnlyForALoopbackEndpoint() throws Exception {
    Path file = secret("x");

    assertThat(parse(yaml(oauth(file, "http://127.0.0.1:8080/token"), "")).errors()).isEmpty();
    assertThat(parse(yaml(oauth(file, "http://idp.example.com/token"), "")).formattedErrors())
        .containsExactly(
            "gw.yaml:7:23: uplink.kafka.sasl.token_endpoint: expected https:// (http:// only to a"
                + " loopback host: the client secret would travel in clear)");
    assertThat(parse(yaml(oauth(file, "idp.example.com/token"), "")).formattedErrors())
        .singleElement()
        .asString()
        .contains("expected an absolute URL");
  }

  @Test
  void eachMechanismNeedsItsKeysAndRefusesTheOthers() throws Exception {
    Path file = secret("x");

    assertThat(
            parse(yaml("      mechanism: OAUTHBEARER\n      username: u\n", "")).formattedErrors())
        .contains(
            "gw.yaml:5:5: uplink.kafka.sasl.token_endpoint: required with mechanism OAUTHBEARER",
            "gw.yaml:5:5: uplink.kafka.sasl.client_secret_file: required with mechanism"
                + " OAUTHBEARER",
            "gw.yaml:7:7: uplink.kafka.sasl.username: not used with mechanism OAUTHBEARER");
    assertThat(
            parse(
                    yaml(
                        "      mechanism: SCRAM-SHA-256\n      username: u\n      password_file: "
                            + file
                            + "\n      scope: s\n",
                        ""))
                .formattedErrors())
        .containsExactly(
            "gw.yaml:9:7: uplink.kafka.sasl.scope: not used with mechanism SCRAM-SHA-256");
    assertThat(parse(yaml("      mechanism: PLAIN\n", "")).formattedErrors())
        .singleElement()
        .asString()
        .startsWith(
            "gw.yaml:6:18: uplink.kafka.sasl.mechanism: expected OAUTHBEARER, SCRAM-SHA-512");
  }

  @Test
  void rawSaslPropertiesNextToTheSection_areErrorsAtTheirKey() throws Exception {
    Path file = secret("x");

    assertThat(
            parse(
                    yaml(
                        oauth(file, "https://idp.example.com/token"),
                        "    properties:\n"
                            + "      sasl.mechanism: PLAIN\n"
                            + "      security.protocol: SASL_SSL\n"
                            + "      sasl.login.read.timeout.ms: 5000\n"))
                .formattedErrors())
        .hasSize(2)
        .allMatch(e -> e.contains("set by uplink.kafka.sasl; remove it here"))
        .anyMatch(e -> e.startsWith("gw.yaml:6:7: uplink.kafka.properties.sasl.mechanism:"))
        .anyMatch(e -> e.startsWith("gw.yaml:7:7: uplink.kafka.properties.security.protocol:"));
  }

  @Test
  void aMissingOrEmptySecretFile_isAnErrorAtTheValue_withoutItsContent() throws Exception {
    Path missing = dir.resolve("nope");
    Path empty = secret("  \n");
    Path spaced = secret("two words-PLANTED");

    assertThat(parse(yaml(oauth(missing, "https://idp.example.com/t"), "")).formattedErrors())
        .containsExactly(
            "gw.yaml:9:27: uplink.kafka.sasl.client_secret_file: secret file "
                + missing
                + ": no such file");
    assertThat(parse(yaml(oauth(empty, "https://idp.example.com/t"), "")).formattedErrors())
        .singleElement()
        .asString()
        .contains("secret file " + empty + ": is empty");
    assertThat(parse(yaml(oauth(spaced, "https://idp.example.com/t"), "")).formattedErrors())
        .singleElement()
        .asString()
        .contains("other than printable ASCII")
        .doesNotContain("PLANTED");
  }

  @Test
  void kafkaSettingsRefuseSaslPropertiesNextToTheSection() throws Exception {
    SaslSettings sasl =
        SaslSettings.scram(Mechanism.SCRAM_SHA_512, "u", dir.resolve("p"), new Secret("pw"));

    assertThat(
            new KafkaSettings(
                    "127.0.0.1:9092",
                    Map.of("sasl.login.refresh.buffer.seconds", "10"),
                    Optional.empty(),
                    Optional.of(sasl))
                .sasl())
        .contains(sasl);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "127.0.0.1:9092",
                    Map.of("sasl.jaas.config", "x"),
                    Optional.empty(),
                    Optional.of(sasl)))
        .hasMessageContaining("expected: unset when sasl is given");
  }
}
